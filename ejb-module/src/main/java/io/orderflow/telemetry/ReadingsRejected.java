package io.orderflow.telemetry;

import io.orderflow.Rejection;
import java.util.Map;

/**
 * A batch refused whole because of one reading, named by its line (NDJSON) or position (JSON
 * array), from 1.
 */
public class ReadingsRejected extends Rejection {

    private final int line;
    private final String reason;

    ReadingsRejected(Kind kind, int line, String reason) {
        super(kind, "Reading " + line + " " + reason + "; nothing of this batch was kept.");
        this.line = line;
        this.reason = reason;
    }

    static ReadingsRejected malformed(int line, String reason) {
        return new ReadingsRejected(Kind.MALFORMED_READINGS, line, reason);
    }

    static ReadingsRejected invalid(int line, String reason) {
        return new ReadingsRejected(Kind.INVALID_READINGS, line, reason);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("line", line, "reason", reason);
    }
}
