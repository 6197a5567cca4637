package io.orderflow.effects.killswitch;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectSetting;
import java.time.Duration;

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
        return new KillSwitchSettings(
                EffectSetting.of(effect, "kill-switch.failures-in-a-row", 20),
                Duration.ofSeconds(EffectSetting.of(effect, "kill-switch.cool-down-seconds", 30)),
                Duration.ofSeconds(
                        EffectSetting.of(effect, "kill-switch.longest-cool-down-seconds", 600)));
    }
}
