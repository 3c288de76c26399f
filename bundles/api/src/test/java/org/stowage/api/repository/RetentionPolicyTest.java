package org.stowage.api.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void parsesEveryKeyAndPrintsItBack() {
        RetentionPolicy policy = RetentionPolicy.parse("last=3, daily=7,weekly=4,monthly=12,yearly=2,hourly=24");
        assertEquals(new RetentionPolicy(3, 24, 7, 4, 12, 2), policy);
        assertEquals("last=3,hourly=24,daily=7,weekly=4,monthly=12,yearly=2", policy.toString());
    }

    @Test
    void unknownKeyIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.parse("last=3,fortnightly=2"));
        assertTrue(e.getMessage().contains("fortnightly=2"), e.getMessage());
    }

    @Test
    void nonNumericCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.parse("daily=seven"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void policyThatKeepsNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse("last=0"));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(""));
    }
}
