package io.orderflow.effects;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * An effect's kill switch thresholds, from configuration: {@code
 * orderflow.effects.<effect>.kill-switch.<setting>}, else {@code
 * orderflow.effects.kill-switch.<setting>} for every effect, else the default.
 *
 * @param failuresInARow transient failures in a row that trip it; 0 switches it off
 * @param coolDown how long it keeps the queue paused before its first probe
 * @param longestCoolDown the most a cool-down grows to, doubling after each failed probe
 */
public record KillSwitchSettings(int failuresInARow, Duration coolDown, Duration longestCoolDown) {

    public static KillSwitchSettings of(Effect effect) {
        Config config = ConfigProvider.getConfig();
        return new KillSwitchSettings(
                setting(config, effect, "failures-in-a-row", 20),
                Duration.ofSeconds(setting(config, effect, "cool-down-seconds", 30)),
                Duration.ofSeconds(setting(config, effect, "longest-cool-down-seconds", 600)));
    }

    private static int setting(Config config, Effect effect, String name, int fallback) {
        return config.getOptionalValue(
                        "orderflow.effects." + effect.key() + ".kill-switch." + name, Integer.class)
                .or(
                        () ->
                                config.getOptionalValue(
                                        "orderflow.effects.kill-switch." + name, Integer.class))
                .orElse(fallback);
    }
}
