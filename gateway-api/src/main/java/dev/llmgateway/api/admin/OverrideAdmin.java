package dev.llmgateway.api.admin;

import dev.llmgateway.api.db.OverrideDao;
import dev.llmgateway.api.db.PostgresErrors;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.OverrideRequest;
import dev.llmgateway.api.wire.OverrideResponse;
import dev.llmgateway.core.provider.CustomerOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.ExtensionCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer override administration. The database decides the races: its foreign key rejects an
 * unknown provider (422) and its unique (user, service) index a second override for the same slot
 * (409). After a write this instance's catalog is reloaded.
 */
public final class OverrideAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(OverrideAdmin.class);
    private static final int MAX_TEXT = 256;

    private final Jdbi jdbi;
    private final Runnable changed;

    public OverrideAdmin(Jdbi jdbi, Runnable changed) {
        this.jdbi = jdbi;
        this.changed = changed;
    }

    public List<OverrideResponse> list(String userId) {
        if (userId != null && userId.indexOf('\0') >= 0) {
            // Postgres text cannot hold NUL: no override has such a user, and asking would fail.
            throw ApiException.validation("user_id", "must not contain NUL characters");
        }
        try {
            return jdbi.withExtension(OverrideDao.class, dao -> userId == null ? dao.list() : dao.listForUser(userId))
                    .stream().map(OverrideResponse::of).toList();
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("listing overrides", e);
        }
    }

    public OverrideResponse get(String id) {
        long key = parseId(id);
        try {
            return jdbi.withExtension(OverrideDao.class, dao -> dao.find(key)).map(OverrideResponse::of)
                    .orElseThrow(() -> notFound(id));
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("reading override " + id, e);
        }
    }

    public OverrideResponse create(OverrideRequest body) {
        CustomerOverride override = validate(body, null);
        CustomerOverride saved = write(override, dao -> Optional.of(dao.insert(override))).orElseThrow();
        return saved(saved, "created");
    }

    public OverrideResponse replace(String id, OverrideRequest body) {
        long key = parseId(id);
        CustomerOverride override = validate(body, key);
        CustomerOverride saved = write(override, dao -> dao.update(override)).orElseThrow(() -> notFound(id));
        return saved(saved, "replaced");
    }

    public void delete(String id) {
        long key = parseId(id);
        int deleted;
        try {
            deleted = jdbi.withExtension(OverrideDao.class, dao -> dao.delete(key));
        } catch (JdbiException e) {
            throw PostgresErrors.unexpected("deleting override " + id, e);
        }
        if (deleted == 0) {
            throw notFound(id);
        }
        LOG.info("Customer override {} deleted", key);
        changed.run();
    }

    private Optional<CustomerOverride> write(CustomerOverride override,
            ExtensionCallback<Optional<CustomerOverride>, OverrideDao, RuntimeException> work) {
        try {
            return jdbi.withExtension(OverrideDao.class, work);
        } catch (JdbiException e) {
            if (PostgresErrors.is(e, PostgresErrors.FOREIGN_KEY_VIOLATION)) {
                throw ApiException.validation("provider_name", "no provider named '" + override.providerName() + "'");
            }
            if (PostgresErrors.is(e, PostgresErrors.UNIQUE_VIOLATION)) {
                throw ApiException.conflict(duplicateMessage(override));
            }
            throw PostgresErrors.unexpected("saving an override", e);
        }
    }

    private String duplicateMessage(CustomerOverride override) {
        String slot = "user '" + override.userId() + "' and "
                + (override.serviceName() == null ? "every service" : "service '" + override.serviceName() + "'");
        Optional<CustomerOverride> holder;
        try {
            holder = jdbi.withExtension(OverrideDao.class, dao -> dao.findFor(override.userId(), override.serviceName()));
        } catch (JdbiException e) {
            holder = Optional.empty();
        }
        return holder.map(h -> "override " + h.id() + " already exists for " + slot)
                .orElse("an override already exists for " + slot);
    }

    private OverrideResponse saved(CustomerOverride override, String verb) {
        LOG.info("Customer override {} {}: user {}, service {}, provider {}", override.id(), verb, override.userId(),
                override.serviceName() == null ? "(any)" : override.serviceName(), override.providerName());
        changed.run();
        return OverrideResponse.of(override);
    }

    private static CustomerOverride validate(OverrideRequest body, Long id) {
        if (body == null) {
            throw ApiException.invalidJson("request body is required: a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (body.userId() == null) {
            errors.add(new FieldError("user_id", "is required"));
        } else {
            text(errors, "user_id", body.userId());
        }
        text(errors, "service_name", body.serviceName());
        if (body.providerName() == null) {
            errors.add(new FieldError("provider_name", "is required"));
        } else if (!ProviderValidator.NAME.matcher(body.providerName()).matches()) {
            errors.add(new FieldError("provider_name", "no provider named '" + body.providerName() + "'"));
        }
        text(errors, "model_name", body.modelName());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new CustomerOverride(id, body.userId(), body.serviceName(), body.providerName(), body.modelName());
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_TEXT + " printable characters"
                    + (field.equals("user_id") ? "" : ", or null")));
        }
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no override with id " + id);
    }
}
