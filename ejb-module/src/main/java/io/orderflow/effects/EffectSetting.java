package io.orderflow.effects;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A per-effect number from configuration: {@code orderflow.effects.<effect>.<name>}, else {@code
 * orderflow.effects.<name>} for every effect, else the default.
 */
public final class EffectSetting {

    private EffectSetting() {}

    public static int of(Effect effect, String name, int fallback) {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue(
                        "orderflow.effects." + effect.key() + "." + name, Integer.class)
                .or(() -> config.getOptionalValue("orderflow.effects." + name, Integer.class))
                .orElse(fallback);
    }
}
