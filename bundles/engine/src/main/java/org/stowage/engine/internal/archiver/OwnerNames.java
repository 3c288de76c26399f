package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user and group names of the owners met in one backup, looked up once per id: a node records them beside uid
 * and gid, so that a restore on another host can give files to the same user by name, as tar and borg do. Looking
 * the names up for every entry would cost two NSS lookups (each reading /etc/passwd or /etc/group) per entry, more
 * than the stat itself. Thread-safe.
 */
final class OwnerNames {

    /** Cached for an id that has no name: the JDK then names the principal by the number. */
    private static final String NONE = "";

    private final Map<Integer, String> users = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();

    /** The name of user {@code uid}, or null; {@link #learn} must have been called for an entry it owns. */
    String user(int uid) {
        return nameOrNull(users.get(uid));
    }

    /** The name of group {@code gid}, or null; {@link #learn} must have been called for an entry it owns. */
    String group(int gid) {
        return nameOrNull(groups.get(gid));
    }

    /** Looks up the names of {@code path}'s owner and group, unless both ids are known already. */
    void learn(Path path, int uid, int gid, LinkOption... options) {
        if (users.containsKey(uid) && groups.containsKey(gid)) {
            return;
        }
        Map<String, Object> owner;
        try { // ids and names from one stat, so that they belong together even if the owner changes meanwhile
            owner = Files.readAttributes(path, "unix:uid,gid,owner,group", options);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // names are an aid for restoring elsewhere; the node keeps uid and gid, and the next entry retries
        }
        remember(users, (Integer) owner.get("uid"), (Principal) owner.get("owner"));
        remember(groups, (Integer) owner.get("gid"), (Principal) owner.get("group"));
    }

    private static void remember(Map<Integer, String> names, int id, Principal principal) {
        String name = principal.getName();
        names.putIfAbsent(id, name.equals(Integer.toString(id)) ? NONE : name);
    }

    private static String nameOrNull(String cached) {
        return cached == null || cached.isEmpty() ? null : cached;
    }
}
