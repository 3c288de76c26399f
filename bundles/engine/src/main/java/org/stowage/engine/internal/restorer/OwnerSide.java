package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import org.stowage.engine.internal.posix.FileStat;
import org.stowage.engine.internal.posix.FileStats;

/**
 * One side of an entry's ownership, its user or its group, as a restore run by root gives it: a recorded name that
 * this host knows wins over the recorded number (as with tar and borg), else the number serves. Names are looked up
 * once per restore. The JDK gives a name's principal without its number, so the number is learned from the first
 * entry given to the name (a {@code stat} after the {@code chown}), and an entry that already has it is left alone.
 * Thread-safe.
 */
final class OwnerSide<P extends UserPrincipal> {

    private final Lookup<P> lookup;
    private final Setter<P> setter;
    private final String numberAttribute;
    private final ToIntFunction<FileStat> numberOf;
    /** Empty where this host does not know the name. */
    private final Map<String, Optional<P>> principals = new ConcurrentHashMap<>();
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();

    private OwnerSide(Lookup<P> lookup, Setter<P> setter, String numberAttribute, ToIntFunction<FileStat> numberOf) {
        this.lookup = lookup;
        this.setter = setter;
        this.numberAttribute = numberAttribute;
        this.numberOf = numberOf;
    }

    static OwnerSide<UserPrincipal> users(UserPrincipalLookupService names) {
        return new OwnerSide<>(names::lookupPrincipalByName, PosixFileAttributeView::setOwner, "unix:uid",
                FileStat::uid);
    }

    static OwnerSide<GroupPrincipal> groups(UserPrincipalLookupService names) {
        return new OwnerSide<>(names::lookupPrincipalByGroupName, PosixFileAttributeView::setGroup, "unix:gid",
                FileStat::gid);
    }

    /**
     * Gives {@code path} the recorded {@code name} (null if none was recorded) or {@code number}, unless
     * {@code current} says it has it already; true if it changed it.
     */
    boolean give(Path path, PosixFileAttributeView view, String name, int number, FileStat current, FileStats stats)
            throws IOException {
        Optional<P> principal = local(name);
        Integer wanted = principal.isPresent() ? numbers.get(name) : Integer.valueOf(number);
        if (wanted != null && wanted == numberOf.applyAsInt(current)) {
            return false;
        }
        if (principal.isPresent()) {
            setter.set(view, principal.get());
            numbers.putIfAbsent(name, numberOf.applyAsInt(stats.read(path, false)));
        } else {
            Files.setAttribute(path, numberAttribute, number, LinkOption.NOFOLLOW_LINKS);
        }
        return true;
    }

    private Optional<P> local(String name) throws IOException {
        if (name == null) {
            return Optional.empty();
        }
        Optional<P> known = principals.get(name);
        if (known == null) {
            try {
                known = Optional.of(lookup.find(name));
            } catch (UserPrincipalNotFoundException unknownHere) {
                known = Optional.empty();
            }
            principals.put(name, known);
        }
        return known;
    }

    @FunctionalInterface
    private interface Lookup<P> {
        P find(String name) throws IOException;
    }

    @FunctionalInterface
    private interface Setter<P> {
        void set(PosixFileAttributeView view, P principal) throws IOException;
    }
}
