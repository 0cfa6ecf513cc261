package dev.llmgateway.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.api.db.OverrideDao;
import dev.llmgateway.api.db.PostgresErrors;
import dev.llmgateway.api.db.ProviderDao;
import dev.llmgateway.api.db.StoredProvider;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.ProviderRequest;
import dev.llmgateway.api.wire.ProviderResponse;
import dev.llmgateway.core.crypto.KeyHint;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.JsonErrors;
import dev.llmgateway.core.provider.CustomerOverride;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider administration: validation, sealing the API key, storage, then reloading this
 * instance's catalog so its next request already routes by the change (other instances and the
 * workers reload within their refresh interval).
 *
 * <p>{@code api_key} is write-only: absent keeps the stored key (so GET, edit, PUT is safe),
 * {@code null} removes it, a string replaces it. It is sealed with the master key before it
 * reaches the database and is never logged or returned.
 */
public final class ProviderAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderAdmin.class);

    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final ObjectMapper mapper;
    private final Runnable changed;

    public ProviderAdmin(Jdbi jdbi, SecretBox secrets, ObjectMapper mapper, Runnable changed) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.mapper = mapper;
        this.changed = changed;
    }

    public List<ProviderResponse> list() {
        try {
            return jdbi.withExtension(ProviderDao.class, ProviderDao::list).stream().map(ProviderResponse::of).toList();
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("listing providers", e);
        }
    }

    public ProviderResponse get(String name) {
        try {
            return jdbi.withExtension(ProviderDao.class, dao -> dao.find(name)).map(ProviderResponse::of)
                    .orElseThrow(() -> notFound(name));
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("reading provider " + name, e);
        }
    }

    public ProviderResponse create(ObjectNode body) {
        ProviderRequest request = read(requireObject(body));
        StoredProvider provider = withKey(ProviderValidator.validate(body, request, null), body, request, null);
        try {
            jdbi.useExtension(ProviderDao.class, dao -> dao.insert(provider));
        } catch (JdbiException e) {
            if (PostgresErrors.is(e, PostgresErrors.UNIQUE_VIOLATION)) {
                throw ApiException.conflict("a provider named '" + provider.name() + "' already exists");
            }
            throw PostgresErrors.unexpected("creating provider " + provider.name(), e);
        }
        return saved(provider, "created");
    }

    /** Replaces every field; absent ones take their defaults, except the write-only key, which is kept. */
    public ProviderResponse replace(String name, ObjectNode body) {
        ProviderRequest request = read(requireObject(body));
        StoredProvider draft = ProviderValidator.validate(body, request, name);
        return change(name, current -> withKey(draft, body, request, current), "replaced");
    }

    /** Changes only the fields given; an explicit null clears a nullable field ({@code "api_key": null} the key). */
    public ProviderResponse patch(String name, ObjectNode patch) {
        requireObject(patch);
        return change(name, current -> {
            ObjectNode merged = mapper.valueToTree(asRequest(current));
            merged.setAll(patch);
            ProviderRequest request = read(merged);
            return withKey(ProviderValidator.validate(patch, request, name), patch, request, current);
        }, "updated");
    }

    public void delete(String name) {
        int deleted;
        try {
            deleted = jdbi.withExtension(ProviderDao.class, dao -> dao.delete(name));
        } catch (JdbiException e) {
            if (PostgresErrors.is(e, PostgresErrors.FOREIGN_KEY_VIOLATION)) {
                throw ApiException.conflict("provider '" + name + "' is used by " + describe(usersOf(name))
                        + "; delete those overrides or point them at another provider first");
            }
            throw PostgresErrors.unexpected("deleting provider " + name, e);
        }
        if (deleted == 0) {
            throw notFound(name);
        }
        LOG.info("Provider {} deleted", name);
        changed.run();
    }

    private ProviderResponse change(String name, UnaryOperator<StoredProvider> change, String verb) {
        StoredProvider provider;
        try {
            provider = jdbi.withExtension(ProviderDao.class, dao -> dao.change(name, change))
                    .orElseThrow(() -> notFound(name));
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("updating provider " + name, e);
        }
        return saved(provider, verb);
    }

    private ProviderResponse saved(StoredProvider provider, String verb) {
        LOG.info("Provider {} {}: type {}, {}, priority {}, API key {}", provider.name(), verb, provider.type(),
                provider.enabled() ? "enabled" : "disabled", provider.priority(), provider.hasApiKey() ? "set" : "none");
        changed.run();
        return ProviderResponse.of(provider);
    }

    private StoredProvider withKey(StoredProvider draft, ObjectNode given, ProviderRequest request, StoredProvider current) {
        if (!given.has("api_key")) {
            return current == null ? draft : draft.withKey(current.apiKeyEncrypted(), current.apiKeyHint());
        }
        String key = request.apiKey();
        return key == null ? draft.withKey(null, null) : draft.withKey(secrets.encrypt(key), KeyHint.lastFour(key));
    }

    private ProviderRequest read(ObjectNode body) {
        try {
            return mapper.treeToValue(body, ProviderRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidJson("request body is not valid: " + JsonErrors.describe(e));
        }
    }

    private static ObjectNode requireObject(ObjectNode body) {
        if (body == null) {
            throw ApiException.invalidJson("request body is required: a JSON object");
        }
        return body;
    }

    private static ProviderRequest asRequest(StoredProvider p) {
        return new ProviderRequest(p.name(), p.type(), p.displayName(), p.baseUrl(), null, p.models(), p.defaultModel(),
                p.enabled(), p.priority(), p.rateLimitRpm(), p.timeoutMs(), p.maxRetries());
    }

    private List<CustomerOverride> usersOf(String name) {
        try {
            return jdbi.withExtension(OverrideDao.class, dao -> dao.usingProvider(name));
        } catch (JdbiException e) {
            return List.of();
        }
    }

    static String describe(List<CustomerOverride> overrides) {
        if (overrides.isEmpty()) {
            return "customer overrides";
        }
        return (overrides.size() == 1 ? "customer override " : "customer overrides ") + overrides.stream()
                .map(o -> o.id() + " (user '" + o.userId() + "', "
                        + (o.serviceName() == null ? "every service" : "service '" + o.serviceName() + "'") + ")")
                .collect(Collectors.joining(", "));
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("no provider named '" + name + "'");
    }
}
