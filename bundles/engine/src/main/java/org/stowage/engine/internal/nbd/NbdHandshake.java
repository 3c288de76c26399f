package org.stowage.engine.internal.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The handshake of one connection, fixed newstyle only (proto.md, "Fixed newstyle negotiation"): greeting, client
 * flags, then options until {@code NBD_OPT_EXPORT_NAME} or a successful {@code NBD_OPT_GO} selects an export.
 * Supported options: EXPORT_NAME, ABORT, LIST, INFO, GO, STRUCTURED_REPLY, LIST/SET_META_CONTEXT (base:allocation);
 * any other is answered {@code NBD_REP_ERR_UNSUP}, as the spec asks, and haggling goes on.
 */
final class NbdHandshake {

    /** Largest option payload read; a longer one is refused (names and queries are short). */
    private static final int MAX_OPTION = 64 << 10;

    private final SocketChannel ch;
    private final Function<String, NbdExport> exports;
    private final Iterable<String> names;
    private boolean structured;
    private boolean allocationContext;

    NbdHandshake(SocketChannel ch, Function<String, NbdExport> exports, Iterable<String> names) {
        this.ch = ch;
        this.exports = exports;
        this.names = names;
    }

    /** Runs the handshake; returns the chosen export, or null when the client aborted or closed. */
    Result run() throws IOException {
        write(ByteBuffer.allocate(18).putLong(Nbd.NBDMAGIC).putLong(Nbd.IHAVEOPT)
                .putShort((short) (Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES)).flip());
        int clientFlags = read(4).getInt();
        if ((clientFlags & ~(Nbd.FLAG_C_FIXED_NEWSTYLE | Nbd.FLAG_C_NO_ZEROES)) != 0) {
            throw new IOException("NBD client sent unknown flags " + Integer.toHexString(clientFlags));
        }
        boolean noZeroes = (clientFlags & Nbd.FLAG_C_NO_ZEROES) != 0;
        while (true) {
            ByteBuffer head = read(16);
            if (head.getLong() != Nbd.IHAVEOPT) {
                throw new IOException("NBD client sent an option without the IHAVEOPT magic");
            }
            int option = head.getInt();
            int length = head.getInt();
            if (length < 0 || length > MAX_OPTION) {
                throw new IOException("NBD client sent option " + option + " with " + Integer.toUnsignedString(length)
                        + " bytes, more than " + MAX_OPTION);
            }
            ByteBuffer data = read(length);
            switch (option) {
                case Nbd.OPT_EXPORT_NAME -> {
                    NbdExport export = exports.apply(StandardCharsets.UTF_8.decode(data).toString());
                    if (export == null) {
                        return null; // the spec's only answer to an unknown name here: close
                    }
                    ByteBuffer reply = ByteBuffer.allocate(10 + (noZeroes ? 0 : 124)).putLong(export.size())
                            .putShort((short) NbdSession.flags());
                    write(reply.position(reply.limit()).flip());
                    return new Result(export, structured, allocationContext);
                }
                case Nbd.OPT_ABORT -> {
                    reply(option, Nbd.REP_ACK, ByteBuffer.allocate(0));
                    return null;
                }
                case Nbd.OPT_LIST -> {
                    for (String name : names) {
                        byte[] n = name.getBytes(StandardCharsets.UTF_8);
                        reply(option, Nbd.REP_SERVER, ByteBuffer.allocate(4 + n.length).putInt(n.length).put(n).flip());
                    }
                    reply(option, Nbd.REP_ACK, ByteBuffer.allocate(0));
                }
                case Nbd.OPT_INFO, Nbd.OPT_GO -> {
                    NbdExport export = info(option, data);
                    if (export != null && option == Nbd.OPT_GO) {
                        return new Result(export, structured, allocationContext);
                    }
                }
                case Nbd.OPT_STRUCTURED_REPLY -> {
                    structured = length == 0;
                    reply(option, structured ? Nbd.REP_ACK : Nbd.REP_ERR_INVALID, ByteBuffer.allocate(0));
                }
                case Nbd.OPT_LIST_META_CONTEXT, Nbd.OPT_SET_META_CONTEXT -> metaContext(option, data);
                default -> reply(option, Nbd.REP_ERR_UNSUP, ByteBuffer.allocate(0));
            }
        }
    }

    private NbdExport info(int option, ByteBuffer data) throws IOException {
        if (data.remaining() < 6 || data.getInt(0) < 0 || data.getInt(0) > data.remaining() - 6) {
            reply(option, Nbd.REP_ERR_INVALID, ByteBuffer.allocate(0));
            return null;
        }
        byte[] name = new byte[data.getInt()];
        data.get(name);
        NbdExport export = exports.apply(new String(name, StandardCharsets.UTF_8));
        if (export == null) {
            reply(option, Nbd.REP_ERR_UNKNOWN, ByteBuffer.allocate(0));
            return null;
        }
        reply(option, Nbd.REP_INFO, ByteBuffer.allocate(12).putShort((short) Nbd.INFO_EXPORT).putLong(export.size())
                .putShort((short) NbdSession.flags()).flip());
        reply(option, Nbd.REP_INFO, ByteBuffer.allocate(14).putShort((short) Nbd.INFO_BLOCK_SIZE).putInt(1)
                .putInt(4096).putInt(NbdSession.MAX_REQUEST).flip());
        reply(option, Nbd.REP_ACK, ByteBuffer.allocate(0));
        return export;
    }

    /** Selects {@code base:allocation} when asked for (context id 1); nothing else is offered. */
    private void metaContext(int option, ByteBuffer data) throws IOException {
        if (!structured || data.remaining() < 8) {
            reply(option, Nbd.REP_ERR_INVALID, ByteBuffer.allocate(0));
            return;
        }
        data.position(data.position() + 4 + data.getInt());
        int queries = data.getInt();
        boolean selected = false;
        for (int q = 0; q < queries && data.remaining() >= 4; q++) {
            byte[] query = new byte[Math.min(data.getInt(), data.remaining())];
            data.get(query);
            String text = new String(query, StandardCharsets.UTF_8);
            selected |= text.equals(Nbd.BASE_ALLOCATION) || text.equals("base:")
                    || queries == 0 && option == Nbd.OPT_LIST_META_CONTEXT;
        }
        selected |= queries == 0 && option == Nbd.OPT_LIST_META_CONTEXT;
        if (selected) {
            byte[] name = Nbd.BASE_ALLOCATION.getBytes(StandardCharsets.UTF_8);
            reply(option, Nbd.REP_META_CONTEXT, ByteBuffer.allocate(4 + name.length).putInt(1).put(name).flip());
        }
        if (option == Nbd.OPT_SET_META_CONTEXT) {
            allocationContext = selected;
        }
        reply(option, Nbd.REP_ACK, ByteBuffer.allocate(0));
    }

    private void reply(int option, int type, ByteBuffer data) throws IOException {
        write(ByteBuffer.allocate(20).putLong(Nbd.REPLY_MAGIC).putInt(option).putInt(type)
                .putInt(data.remaining()).flip());
        write(data);
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("NBD client closed the connection during the handshake");
            }
        }
        return b.flip();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The export chosen, and whether structured replies and the base:allocation context were negotiated. */
    record Result(NbdExport export, boolean structured, boolean allocationContext) {
    }
}
