package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Special;

/**
 * Writes a directory of a snapshot as a POSIX (pax) tar stream, names relative to the directory's parent
 * ({@code dump /home/u/docs} gives {@code docs/}, {@code docs/a.txt}, …), with mode, modification time, owner ids and
 * names, symbolic links, FIFOs and device nodes; the later names of a hard-linked file are tar hard links to its
 * first name. Not kept: extended attributes and ACLs (binary values have no portable pax form), sockets (skipped as
 * a restore skips them), holes (zeros are written). A name that is not UTF-8 is written as its lossy decoding. A file
 * that was not readable at backup time fails the dump, naming it. Finishes the tar stream but does not close
 * {@code out}. One instance per dump.
 */
final class TarDumper {

    private final Dumper dumper;
    private final TarArchiveOutputStream tar;
    private final Map<String, String> firstNames = new HashMap<>();

    TarDumper(Dumper dumper, OutputStream out) {
        this.dumper = dumper;
        this.tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Writes {@code dir} (at snapshot path {@code path}) and everything below it, then the tar end marker. */
    void dump(Node dir, String path) throws IOException {
        entry(dir, dir.name(), path);
        tar.finish();
    }

    private void entry(Node node, String name, String path) throws IOException {
        switch (node.type()) {
            case DIR -> {
                put(header(node, name + "/", TarConstants.LF_DIR, 040000, 0755));
                for (Node child : Trees.load(dumper.repository(), node.subtree()).nodes()) {
                    entry(child, name + "/" + child.name(), path + "/" + child.name());
                }
            }
            case SYMLINK -> {
                TarArchiveEntry link = header(node, name, TarConstants.LF_SYMLINK, 0120000, 0777);
                link.setLinkName(node.linkTarget() == null ? "" : node.linkTarget());
                put(link);
            }
            case FILE -> file(node, name, path);
            case OTHER -> special(node, name);
            case VOLUME -> throw new IOException(path + " is a volume (block image), which a tar stream does not hold;"
                    + " restore it with stowage:volume-restore");
        }
    }

    private void file(Node node, String name, String path) throws IOException {
        if (node.hardLinked()) {
            String first = firstNames.putIfAbsent(node.device() + ":" + node.inode(), name);
            if (first != null) {
                TarArchiveEntry link = header(node, name, TarConstants.LF_LINK, 0100000, 0644);
                link.setLinkName(first);
                put(link);
                return;
            }
        }
        TarArchiveEntry entry = header(node, name, TarConstants.LF_NORMAL, 0100000, 0644);
        entry.setSize(node.size());
        tar.putArchiveEntry(entry);
        dumper.content(node, path, tar);
        tar.closeArchiveEntry();
    }

    private void special(Node node, String name) throws IOException {
        Special kind = node.special();
        if (kind == null || kind == Special.SOCKET) {
            return; // a socket is created by the program that listens on it; format 1 did not record the kind
        }
        byte flag = switch (kind) {
            case FIFO -> TarConstants.LF_FIFO;
            case CHAR_DEVICE -> TarConstants.LF_CHR;
            case BLOCK_DEVICE -> TarConstants.LF_BLK;
            case SOCKET -> throw new IllegalStateException("sockets are skipped above");
        };
        int type = kind == Special.FIFO ? 010000 : kind == Special.CHAR_DEVICE ? 020000 : 060000;
        TarArchiveEntry entry = header(node, name, flag, type, 0644);
        if (node.major() != null && node.minor() != null) {
            entry.setDevMajor(node.major());
            entry.setDevMinor(node.minor());
        }
        put(entry);
    }

    private static TarArchiveEntry header(Node node, String name, byte flag, int type, int defaultMode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag);
        entry.setMode(type | (node.mode() < 0 ? defaultMode : node.mode() & 07777));
        entry.setLastModifiedTime(FileTime.from(node.mtimeNanos() / 1000, TimeUnit.MICROSECONDS));
        if (node.uid() >= 0) {
            entry.setUserId(node.uid());
        }
        if (node.gid() >= 0) {
            entry.setGroupId(node.gid());
        }
        entry.setUserName(node.user() == null ? "" : node.user());
        entry.setGroupName(node.group() == null ? "" : node.group());
        return entry;
    }

    private void put(TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

}
