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
    /** Four-digit years only: Postgres cannot compare a date with year 10000 or more, nor before year 1. */
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;

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

    /** @throws ApiException 422 naming every malformed date or filter, or {@code to} before {@code from} */
    public UsageFilter toFilter() {
        List<FieldError> errors = new ArrayList<>();
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.add(new FieldError("to", "must not be before from (" + fromDate + "), got " + toDate));
        }
        String user = text("user_id", userId, errors);
        String serviceName = text("service", service, errors);
        String providerName = text("provider", provider, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new UsageFilter(fromDate, toDate, user, serviceName, providerName);
    }

    /** The user of {@code /usage/users/{user_id}} as given, checked like the filter. */
    static String pathUser(String userId) {
        List<FieldError> errors = new ArrayList<>();
        text("user_id", userId, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return userId;
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (present(value) == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an ISO date like 2026-11-24, got '" + value + "'"));
        return null;
    }

    /** No stored name holds NUL (Postgres text cannot), so a filter with one is a mistake, not a miss. */
    private static String text(String field, String value, List<FieldError> errors) {
        if (value != null && value.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, "must not contain NUL characters"));
            return null;
        }
        return present(value);
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
