package dev.llmgateway.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.provider.CustomerOverride;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final String SONNET = "claude-sonnet-4-5-20250929";
    private static final ProviderConfig CLAUDE = provider("claude", ProviderType.ANTHROPIC, 10, true, SONNET,
            "claude-haiku-4-5");
    private static final ProviderConfig OPENAI = provider("openai", ProviderType.OPENAI, 20, true, "gpt-4o-mini",
            "gpt-4o");
    private static final ProviderConfig LOCAL = provider("local", ProviderType.CUSTOM, 30, true, "llama-3.3-70b",
            "gpt-4o");

    private final Router router = new Router();

    private static ProviderConfig provider(String name, ProviderType type, int priority, boolean enabled,
            String... models) {
        return new ProviderConfig(name, type, name, null, null, List.of(models), null, enabled, priority, 60, 60_000,
                2);
    }

    private static ProviderConfig disabled(ProviderConfig p) {
        return new ProviderConfig(p.name(), p.type(), p.displayName(), p.baseUrl(), p.apiKeyEncrypted(), p.models(),
                p.defaultModel(), false, p.priority(), p.rateLimitRpm(), p.timeoutMs(), p.maxRetries());
    }

    private static ProviderCatalog catalog(List<ProviderConfig> providers, CustomerOverride... overrides) {
        return new ProviderCatalog(providers, List.of(overrides));
    }

    private static ProviderTarget target(String provider, String model) {
        return new ProviderTarget(provider, model);
    }

    @Test
    void routesAnExplicitProviderAndModelFirstThenFallsBackByPriority() {
        ProviderCatalog catalog = catalog(List.of(LOCAL, OPENAI, CLAUDE));

        assertThat(router.route(catalog, "u1", "s", "openai", "gpt-4o"))
                .containsExactly(target("openai", "gpt-4o"), target("claude", SONNET), target("local", "llama-3.3-70b"));
    }

    @Test
    void givesAnExplicitProviderWithoutModelItsDefaultModel() {
        ProviderConfig withDefault = new ProviderConfig("openai", ProviderType.OPENAI, "OpenAI", null, null,
                List.of("gpt-4o-mini", "gpt-4o"), "gpt-4o", true, 20, null, 60_000, 2);

        assertThat(router.route(catalog(List.of(CLAUDE, withDefault)), "u1", "s", "openai", null))
                .first().isEqualTo(target("openai", "gpt-4o"));
    }

    @Test
    void letsAnExplicitProviderWinOverACustomerOverride() {
        ProviderCatalog catalog = catalog(List.of(CLAUDE, OPENAI),
                new CustomerOverride(1L, "premium_user", null, "openai", "gpt-4o"));

        assertThat(router.route(catalog, "premium_user", "s", "claude", null)).first()
                .isEqualTo(target("claude", SONNET));
    }

    @Test
    void rejectsAnUnknownExplicitProvider() {
        assertThatThrownBy(() -> router.route(catalog(List.of(CLAUDE)), "u1", "s", "gemini", null))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.INVALID_CHOICE);
                    assertThat(e.field()).isEqualTo("provider");
                })
                .hasMessageContaining("'gemini'");
    }

    @Test
    void rejectsADisabledExplicitProvider() {
        assertThatThrownBy(() -> router.route(catalog(List.of(CLAUDE, disabled(OPENAI))), "u1", "s", "openai", null))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.INVALID_CHOICE);
                    assertThat(e.field()).isEqualTo("provider");
                })
                .hasMessageContaining("'openai'");
    }

    @Test
    void asksForAModelWhenTheExplicitProviderHasNoDefault() {
        ProviderConfig bare = provider("bare", ProviderType.CUSTOM, 5, true);

        assertThatThrownBy(() -> router.route(catalog(List.of(CLAUDE, bare)), "u1", "s", "bare", null))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.INVALID_CHOICE);
                    assertThat(e.field()).isEqualTo("model");
                });
    }

    @Test
    void routesAModelAloneToTheFirstEnabledProviderListingIt() {
        ProviderCatalog catalog = catalog(List.of(LOCAL, OPENAI, CLAUDE));

        assertThat(router.route(catalog, "u1", "s", null, "gpt-4o"))
                .containsExactly(target("openai", "gpt-4o"), target("claude", SONNET), target("local", "llama-3.3-70b"));
        assertThat(router.route(catalog(List.of(LOCAL, disabled(OPENAI), CLAUDE)), "u1", "s", null, "gpt-4o"))
                .first().isEqualTo(target("local", "gpt-4o"));
    }

    @Test
    void routesAModelThatIsOnlyAProvidersDefaultModel() {
        ProviderConfig withDefault = new ProviderConfig("azure", ProviderType.CUSTOM, "Azure", "https://x/v1", null,
                List.of(), "gpt-4.1", true, 50, null, 60_000, 2);

        assertThat(router.route(catalog(List.of(CLAUDE, withDefault)), "u1", "s", null, "gpt-4.1"))
                .first().isEqualTo(target("azure", "gpt-4.1"));
    }

    @Test
    void rejectsAModelNoEnabledProviderOffers() {
        assertThatThrownBy(() -> router.route(catalog(List.of(CLAUDE, disabled(OPENAI))), "u1", "s", null, "gpt-4o"))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.INVALID_CHOICE);
                    assertThat(e.field()).isEqualTo("model");
                })
                .hasMessageContaining("'gpt-4o'");
    }

    @Test
    void routesPremiumUserToOverrideProviderForAnyService() {
        ProviderCatalog catalog = catalog(List.of(CLAUDE, OPENAI),
                new CustomerOverride(7L, "premium_user", null, "openai", "gpt-4o"));

        for (String service : List.of("test", "trendscout", "billing")) {
            assertThat(router.route(catalog, "premium_user", service, null, null))
                    .as(service)
                    .containsExactly(target("openai", "gpt-4o"), target("claude", SONNET));
        }
        assertThat(router.route(catalog, "regular_user", "test", null, null)).first()
                .isEqualTo(target("claude", SONNET));
    }

    @Test
    void prefersTheUsersServiceOverrideOverTheirAnyServiceOverride() {
        CustomerOverride anyService = new CustomerOverride(1L, "u1", null, "openai", "gpt-4o");
        CustomerOverride oneService = new CustomerOverride(2L, "u1", "trendscout", "local", "llama-3.3-70b");

        for (ProviderCatalog catalog : List.of(catalog(List.of(CLAUDE, OPENAI, LOCAL), anyService, oneService),
                catalog(List.of(CLAUDE, OPENAI, LOCAL), oneService, anyService))) {
            assertThat(router.route(catalog, "u1", "trendscout", null, null)).first()
                    .isEqualTo(target("local", "llama-3.3-70b"));
            assertThat(router.route(catalog, "u1", "billing", null, null)).first()
                    .isEqualTo(target("openai", "gpt-4o"));
        }
    }

    @Test
    void givesAnOverrideWithoutModelTheProvidersDefaultModel() {
        ProviderCatalog catalog = catalog(List.of(CLAUDE, OPENAI), new CustomerOverride(1L, "u1", null, "openai", null));

        assertThat(router.route(catalog, "u1", "s", null, null)).first().isEqualTo(target("openai", "gpt-4o-mini"));
    }

    @Test
    void fallsThroughToPriorityWhenTheOverriddenProviderIsDisabledOrUnknown() {
        for (CustomerOverride override : List.of(new CustomerOverride(1L, "u1", null, "openai", "gpt-4o"),
                new CustomerOverride(2L, "u1", null, "deleted", "gpt-4o"))) {
            ProviderCatalog catalog = catalog(List.of(disabled(OPENAI), LOCAL, CLAUDE), override);

            assertThat(router.route(catalog, "u1", "s", null, null))
                    .as(override.providerName())
                    .containsExactly(target("claude", SONNET), target("local", "llama-3.3-70b"));
        }
    }

    @Test
    void fallsBackToTheUsersAnyServiceOverrideWhenTheirServiceOverrideIsUnusable() {
        ProviderCatalog catalog = catalog(List.of(CLAUDE, OPENAI, disabled(LOCAL)),
                new CustomerOverride(1L, "u1", "trendscout", "local", "llama-3.3-70b"),
                new CustomerOverride(2L, "u1", null, "openai", "gpt-4o"));

        assertThat(router.route(catalog, "u1", "trendscout", null, null))
                .containsExactly(target("openai", "gpt-4o"), target("claude", SONNET));
    }

    @Test
    void ordersProvidersByAscendingPriorityThenName() {
        ProviderConfig alpha = provider("alpha", ProviderType.MOCK, 20, true, "a-1");
        ProviderConfig zulu = provider("zulu", ProviderType.MOCK, 20, true, "z-1");

        assertThat(router.route(catalog(List.of(zulu, OPENAI, alpha, CLAUDE)), "u1", "s", null, null))
                .containsExactly(target("claude", SONNET), target("alpha", "a-1"), target("openai", "gpt-4o-mini"),
                        target("zulu", "z-1"));
    }

    @Test
    void leavesDisabledProvidersOutOfTheFallbacks() {
        assertThat(router.route(catalog(List.of(CLAUDE, disabled(OPENAI), LOCAL)), "u1", "s", null, null))
                .containsExactly(target("claude", SONNET), target("local", "llama-3.3-70b"));
    }

    @Test
    void listsEachProviderOnceWhenAnOverrideMovesALaterOneFirst() {
        ProviderCatalog catalog = catalog(List.of(CLAUDE, OPENAI, LOCAL),
                new CustomerOverride(1L, "u1", null, "local", "gpt-4o"));

        assertThat(router.route(catalog, "u1", "s", null, null))
                .containsExactly(target("local", "gpt-4o"), target("claude", SONNET), target("openai", "gpt-4o-mini"));
    }

    @Test
    void skipsAProviderWithoutAnyModelAndGivesAMockOneItsBuiltInModel() {
        ProviderConfig bare = provider("bare", ProviderType.CUSTOM, 1, true);
        ProviderConfig mock = provider("mock", ProviderType.MOCK, 2, true);

        assertThat(router.route(catalog(List.of(CLAUDE, bare, mock)), "u1", "s", null, null))
                .containsExactly(target("mock", "mock-1"), target("claude", SONNET));
    }

    @Test
    void reportsNoProviderWhenNoneIsEnabled() {
        for (ProviderCatalog catalog : List.of(ProviderCatalog.EMPTY,
                catalog(List.of(disabled(CLAUDE), disabled(OPENAI)),
                        new CustomerOverride(1L, "u1", null, "openai", "gpt-4o")))) {
            assertThatThrownBy(() -> router.route(catalog, "u1", "s", null, null))
                    .isInstanceOfSatisfying(RoutingException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RoutingException.Reason.NO_PROVIDER);
                        assertThat(e.field()).isNull();
                    });
        }
    }

    @Test
    void reportsNoProviderWhenNoEnabledProviderHasAModel() {
        assertThatThrownBy(() -> router.route(catalog(List.of(provider("bare", ProviderType.CUSTOM, 1, true))),
                "u1", "s", null, null))
                .isInstanceOfSatisfying(RoutingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RoutingException.Reason.NO_PROVIDER));
    }
}
