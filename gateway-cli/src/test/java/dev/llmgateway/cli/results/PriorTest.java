package dev.llmgateway.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.results.Prior.Kind;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriorTest {
    @Test
    void aSuccessIsFinal() {
        Prior prior = Prior.of(GenerationResult.succeeded("a", "text", "mock", "mock-1", "stop", null, BigDecimal.ZERO, 3));

        assertThat(prior.kind()).isEqualTo(Kind.SUCCEEDED);
        assertThat(prior.isFinal()).isTrue();
    }

    @Test
    void aGatewayRejectionIsFinal() {
        Prior prior = Prior.of(failed("validation_error", "provider 'nope' is unknown or disabled"));

        assertThat(prior.kind()).isEqualTo(Kind.GATEWAY_REJECTED);
        assertThat(prior.isFinal()).isTrue();
    }

    @Test
    void aRejectedInputLineIsCheckedAgainRatherThanFinal() {
        Prior prior = Prior.of(failed("validation_error", "line 12: has both \"prompt\" and \"messages\"; give one of them"));

        assertThat(prior.kind()).isEqualTo(Kind.INPUT_REJECTED);
        assertThat(prior.isFinal()).isFalse();
        assertThat(prior.isSameRejection("line 12: has both \"prompt\" and \"messages\"; give one of them")).isTrue();
        assertThat(prior.isSameRejection("line 13: has both \"prompt\" and \"messages\"; give one of them")).isFalse();
    }

    @Test
    void providerFailuresTimeoutsAndUnavailabilityAreRetried() {
        for (String type : new String[] {"provider_error", "timeout", "unavailable", "rate_limited"}) {
            Prior prior = Prior.of(failed(type, "something"));

            assertThat(prior.kind()).isEqualTo(Kind.FAILED);
            assertThat(prior.errorType()).isEqualTo(type);
            assertThat(prior.isFinal()).isFalse();
            assertThat(prior.isSameRejection("something")).isFalse();
        }
    }

    private static GenerationResult failed(String type, String message) {
        return GenerationResult.failed("a", null, null, new ErrorInfo(type, message), 0);
    }
}
