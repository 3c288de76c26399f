package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The shell login the harness uses for {@code bin/client}, and the one place that knows how a Karaf copy gets it.
 *
 * <p>Each unpacked copy gets its own {@code etc/users.properties} with one administrator whose password is random,
 * written before the first start, whatever login the assembly ships with. Should the assembly's way of creating
 * logins change, only this class changes.
 */
record KarafLogin(String user, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static KarafLogin random() {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return new KarafLogin("stowage-harness", HexFormat.of().formatHex(secret));
    }

    /** Replaces {@code etc/users.properties} of the copy at {@code karafHome}: this login, administrator roles. */
    void install(Path karafHome) throws IOException {
        Path users = karafHome.resolve("etc/users.properties");
        Files.writeString(users, "# written by the Stowage test harness: one administrator, random password\n"
                + user + " = " + password + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardCharsets.UTF_8);
    }

    /** The arguments of {@code bin/client} that log in with it. */
    List<String> clientArguments() {
        return List.of("-u", user, "-p", password);
    }

    @Override
    public String toString() {
        return "KarafLogin[" + user + ", password hidden]";
    }
}
