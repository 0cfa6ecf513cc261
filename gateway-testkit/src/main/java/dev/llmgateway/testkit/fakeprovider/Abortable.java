package dev.llmgateway.testkit.fakeprovider;

/** A behaviour holding requests, which a reset or close of the provider must let go. */
interface Abortable {
  void abort();
}
