package dev.llmgateway.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, and while
 * reading when a chunked body grows past it, so an endless body never fills memory.
 */
@PreMatching
@Priority(100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {
    private final long limitBytes;

    public BodySizeLimitFilter(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > limitBytes) {
            throw ApiException.payloadTooLarge(limitBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limitBytes));
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                throw ApiException.payloadTooLarge(limit);
            }
        }
    }
}
