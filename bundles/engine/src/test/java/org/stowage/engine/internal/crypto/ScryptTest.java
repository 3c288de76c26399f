package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;

class ScryptTest {

    @Test
    void matchesTheTestVectorsOfRfc7914() {
        assertArrayEquals(hex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a"
                + "0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"), Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64));
        assertArrayEquals(hex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109"
                + "279d9830dac727afb94a83ee6d8360cbdfa2cc0640"), Scrypt.derive(ascii("password"), ascii("NaCl"), 1024, 8,
                16, 64));
    }

    /** Key files written with BouncyCastle's scrypt must still open: same output for the repository's parameters. */
    @Test
    void matchesBouncyCastleForTheRepositoryParameters() {
        Random random = new Random(7);
        for (int round = 0; round < 3; round++) {
            byte[] password = new byte[1 + random.nextInt(40)];
            byte[] salt = new byte[32];
            random.nextBytes(password);
            random.nextBytes(salt);
            int n = round == 0 ? 1 << 15 : 1 << (4 + random.nextInt(8));
            assertArrayEquals(SCrypt.generate(password, salt, n, 8, 1, 32), Scrypt.derive(password, salt, n, 8, 1, 32));
        }
    }

    @Test
    void rejectsACostThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Scrypt.derive(new byte[1], new byte[1], 1000, 8, 1, 32));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
