package dev.llmgateway.api.resources;

import dev.llmgateway.api.db.UsageFilter;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The query parameters every usage endpoint takes (API.md); an empty value counts as absent. */
public final class UsageQuery {
    @QueryParam("from")
    private String from;
    @QueryParam("to")
    private String to;
    @QueryParam("user_id")
    private String userId;
    @QueryParam("service")
    private String service;
    @QueryParam("provider")
    private String provider;

    /** @throws ApiException 422 naming every malformed date, or {@code to} before {@code from} */
    public UsageFilter toFilter() {
        List<FieldError> errors = new ArrayList<>();
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.add(new FieldError("to", "must not be before from (" + fromDate + "), got " + toDate));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new UsageFilter(fromDate, toDate, present(userId), present(service), present(provider));
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (present(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO date like 2026-11-24, got '" + value + "'"));
            return null;
        }
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
