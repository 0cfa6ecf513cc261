package dev.llmgateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The {@code auth:} block. Keys come from the environment; never log this object. */
public class AuthSettings {
    @JsonProperty
    private String adminKey;

    /** Comma-separated, as {@code GATEWAY_SERVICE_KEYS} gives them, or a YAML list. */
    @JsonProperty
    private List<String> serviceKeys = new ArrayList<>();

    public String getAdminKey() {
        return adminKey;
    }

    public void setAdminKey(String adminKey) {
        this.adminKey = adminKey;
    }

    public List<String> getServiceKeys() {
        List<String> keys = new ArrayList<>();
        for (String entry : serviceKeys) {
            for (String key : entry.split(",")) {
                if (!key.isBlank()) {
                    keys.add(key.trim());
                }
            }
        }
        return keys;
    }

    public void setServiceKeys(List<String> serviceKeys) {
        this.serviceKeys = serviceKeys;
    }

    @Override
    public String toString() {
        return "AuthSettings[admin key " + (adminKey == null ? "unset" : "set") + ", "
                + getServiceKeys().size() + " service keys]";
    }
}
