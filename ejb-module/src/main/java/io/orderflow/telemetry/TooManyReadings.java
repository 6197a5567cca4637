package io.orderflow.telemetry;

import io.orderflow.Rejection;
import java.util.Map;

public class TooManyReadings extends Rejection {

    private final int max;

    TooManyReadings(int max) {
        super(Kind.TOO_LARGE, "A batch holds at most " + max + " readings; split it.");
        this.max = max;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("maxReadings", max);
    }
}
