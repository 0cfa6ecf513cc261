package dev.llmgateway.bench;

import java.util.TreeMap;

/** One scenario through the gateway next to the same load sent straight to the mock provider. */
record Comparison(String scenario, LoadResult gateway, LoadResult direct) {

    static String header() {
        return "| scenario                                       | conns | gateway req/s | p50 ms | p99 ms | errors "
                + "| mock direct req/s | p50 ms | p99 ms | added p50 ms |\n"
                + "| ---------------------------------------------- | ----- | ------------- | ------ | ------ | ------ "
                + "| ----------------- | ------ | ------ | ------------ |";
    }

    String row() {
        String errors = gateway.errorCount() + (gateway.errors().isEmpty() ? "" : " " + new TreeMap<>(gateway.errors()));
        if (direct == null) {
            return String.format("| %-46s | %5d | %13.0f | %6.2f | %6.2f | %6s | %17s | %6s | %6s | %12s |", scenario,
                    gateway.connections(), gateway.requestsPerSecond(), gateway.percentileMs(50),
                    gateway.percentileMs(99), errors, "-", "-", "-", "-");
        }
        return String.format("| %-46s | %5d | %13.0f | %6.2f | %6.2f | %6s | %17.0f | %6.2f | %6.2f | %12.2f |", scenario,
                gateway.connections(), gateway.requestsPerSecond(), gateway.percentileMs(50), gateway.percentileMs(99),
                errors, direct.requestsPerSecond(), direct.percentileMs(50), direct.percentileMs(99),
                gateway.percentileMs(50) - direct.percentileMs(50));
    }
}
