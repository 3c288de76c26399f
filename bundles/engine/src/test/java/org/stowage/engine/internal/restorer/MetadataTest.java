package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

class MetadataTest {

    @TempDir
    Path dir;

    @Test
    void aNameThisHostKnowsWinsOverTheRecordedNumberAndAnUnknownNameFallsBackToIt() throws IOException {
        Path named = Files.writeString(dir.resolve("named"), "x");
        Path unnamed = Files.writeString(dir.resolve("unnamed"), "x");
        PosixFileAttributes mine = Files.readAttributes(named, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        List<Integer> myIds = ids(named);
        Metadata metadata = new Metadata();

        // recorded on another host, where the user and group of these names had the numbers 4321 and 4322
        metadata.apply(named, node(4321, 4322, mine.owner().getName(), mine.group().getName()));
        metadata.apply(unnamed, node(4323, 4324, "stowage-no-such-user", "stowage-no-such-group"));

        if (SampleTree.isRoot(named)) {
            assertEquals(myIds, ids(named), "given to the user and group of the recorded names");
            assertEquals(List.of(4323, 4324), ids(unnamed), "names unknown here: the recorded numbers");
        } else { // an unprivileged restore cannot give files away; that is not a failure
            assertEquals(myIds, ids(named));
            assertEquals(myIds, ids(unnamed));
        }
    }

    @Test
    void ownerAndModeAreSetWhereTheyDifferAndTheModeAgainAfterAChangeOfOwnerClearedItsSetIdBits()
            throws IOException {
        Path same = Files.writeString(dir.resolve("same"), "x");
        Path otherMode = Files.writeString(dir.resolve("other-mode"), "x");
        Files.setAttribute(otherMode, "unix:mode", 0600);
        Path setUid = Files.writeString(dir.resolve("set-uid"), "x");
        Files.setAttribute(setUid, "unix:mode", 04755); // as recorded: only the change of owner takes the bit away
        PosixFileAttributes mine = Files.readAttributes(same, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        List<Integer> myIds = ids(same);
        int newFileMode = mode(same);
        Metadata metadata = new Metadata();

        metadata.apply(same, node(4321, 4322, mine.owner().getName(), mine.group().getName(), newFileMode));
        metadata.apply(otherMode, node(4321, 4322, mine.owner().getName(), mine.group().getName(), 0644));
        metadata.apply(setUid, node(4323, 4324, "stowage-no-such-user", "stowage-no-such-group", 04755));

        assertEquals(List.of(newFileMode, 0644, 04755), List.of(mode(same), mode(otherMode), mode(setUid)));
        assertEquals(List.of(myIds, myIds), List.of(ids(same), ids(otherMode)));
        assertEquals(SampleTree.isRoot(same) ? List.of(4323, 4324) : myIds, ids(setUid));
    }

    private static Node node(int uid, int gid, String user, String group) {
        return node(uid, gid, user, group, 0644);
    }

    private static Node node(int uid, int gid, String user, String group, int mode) {
        return new Node("f", NodeType.FILE, mode, 0, 1, 0, 0, uid, gid, user, group, List.of(), null, null, null);
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static List<Integer> ids(Path path) throws IOException {
        return List.of((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
}
