package dev.llmgateway.api.db;

import java.time.LocalDate;

/** Which {@code usage_daily} rows a usage query reads; a null field does not filter. Dates are UTC and inclusive. */
public record UsageFilter(LocalDate from, LocalDate to, String userId, String service, String provider) {

    public UsageFilter withUser(String user) {
        return new UsageFilter(from, to, user, service, provider);
    }
}
