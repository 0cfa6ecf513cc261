package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** An error response in a vendor's shape: status, JSON body and extra headers. */
record ApiError(int status, JsonNode body, Map<String, String> headers) {}
