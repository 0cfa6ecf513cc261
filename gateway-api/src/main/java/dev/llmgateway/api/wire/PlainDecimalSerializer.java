package dev.llmgateway.api.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes a decimal as a plain JSON number ({@code 0.0000004}, never {@code 4E-7}), whatever the mapper's settings. */
public final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    public PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(value.toPlainString());
    }
}
