package org.stowage.selectors.internal;

/**
 * Checks of the selectors' configuration keys, with the message an operator reads when a selector does not come
 * up, in the form every Stowage configuration uses: {@code "<pid>: key '<key>' <what is wrong and what to write>"}.
 */
final class SelectorConfigs {

    private SelectorConfigs() {
    }

    /** Key {@code window}: how many recent speeds the moving average covers, 1 or more. */
    static int window(String pid, int value) {
        return atLeastOne(pid, "window", value, "the number of recent measured speeds to average");
    }

    /** {@code value} when it is 1 or more; else an exception that names the PID and the key. */
    static int atLeastOne(String pid, String key, int value, String meaning) {
        if (value < 1) {
            throw new IllegalArgumentException(pid + ": key '" + key + "' is " + value + "; use 1 or more ("
                    + meaning + ")");
        }
        return value;
    }
}
