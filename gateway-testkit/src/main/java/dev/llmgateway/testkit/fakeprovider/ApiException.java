package dev.llmgateway.testkit.fakeprovider;

/** Thrown while checking a request to answer it with a vendor error instead. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApiError error;

  ApiException(ApiError error) {
    super(error.body().toString(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
