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

    /** Key {@code revisit} of the fastest selector: packs between revisits, 0 (never) or more. */
    static int revisit(String pid, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(pid + ": key 'revisit' is " + value + "; use 0 (never) or more (the "
                    + "packs between two revisits of a device that received none for that long)");
        }
        return value;
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
