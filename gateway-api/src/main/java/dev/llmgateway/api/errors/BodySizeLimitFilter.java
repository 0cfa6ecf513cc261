package dev.llmgateway.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, and while
 * reading when a chunked body grows past it, so an endless body never fills memory.
 *
 * <p>Whatever part of a body the answer did not need (a refused or oversized body, a body sent
 * with a GET) is read and discarded before the answer goes out, up to {@link #MAX_DRAIN} bytes, as
 * Tomcat's {@code maxSwallowSize} does. Otherwise Jetty closes the connection after answering,
 * without saying so, whenever the rest of the body has not arrived yet: a client still sending it
 * gets a reset instead of the answer, and one that pools connections sends its next request into
 * a closed one. A larger body is not read, and the answer says {@code Connection: close}.
 */
@PreMatching
@Priority(100)
public final class BodySizeLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final long MAX_DRAIN = 4L * 1024 * 1024;
    private static final String UNREAD = BodySizeLimitFilter.class.getName() + ".unread";

    private final long limitBytes;

    public BodySizeLimitFilter(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > limitBytes) {
            request.setProperty(UNREAD, request.getEntityStream());
            throw ApiException.payloadTooLarge(limitBytes);
        }
        if (request.hasEntity()) {
            Limited limited = new Limited(request.getEntityStream(), limitBytes);
            request.setProperty(UNREAD, limited.unlimited());
            request.setEntityStream(limited);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(UNREAD) instanceof InputStream rest)) {
            return;
        }
        if (request.getLength() > MAX_DRAIN || !drained(rest)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean drained(InputStream rest) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            for (int n = rest.read(buffer); n >= 0; n = rest.read(buffer)) {
                total += n;
                if (total > MAX_DRAIN) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        InputStream unlimited() {
            return in;
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
