package dev.llmgateway.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the admin key and the service keys. Comparisons take the same time whatever the
 * input, so response times leak nothing about a key.
 */
public final class ApiKeys {
    public enum Role { SERVICE, ADMIN }

    private final byte[] adminKey;
    private final List<byte[]> serviceKeys;

    public ApiKeys(String adminKey, List<String> serviceKeys) {
        this.adminKey = adminKey == null || adminKey.isEmpty() ? null : adminKey.getBytes(StandardCharsets.UTF_8);
        this.serviceKeys = serviceKeys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean admin = adminKey != null && MessageDigest.isEqual(adminKey, candidate);
        boolean service = false;
        for (byte[] key : serviceKeys) {
            service |= MessageDigest.isEqual(key, candidate);
        }
        if (admin) {
            return Optional.of(Role.ADMIN);
        }
        return service ? Optional.of(Role.SERVICE) : Optional.empty();
    }
}
