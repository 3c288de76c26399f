package org.stowage.engine.internal.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NBD connection: the handshake, then requests in the order they arrive (proto.md, "Transmission phase").
 * READ, WRITE (FUA honoured by a flush), FLUSH, TRIM (advisory: acknowledged, nothing discarded, which the spec
 * allows), WRITE_ZEROES, BLOCK_STATUS (base:allocation, reported allocated: status 0, which the spec allows) and
 * DISC. A request outside the export or larger than {@link #MAX_REQUEST} gets an error reply and the session goes
 * on; a failing read or write gets {@code NBD_EIO} and is logged with the export and range.
 */
final class NbdSession implements Runnable {

    /** Largest request payload: 32 MiB, what nbd-server and qemu-nbd also accept. */
    static final int MAX_REQUEST = 32 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(NbdSession.class);

    private final SocketChannel ch;
    private final NbdServer server;
    private final ByteBuffer header = ByteBuffer.allocateDirect(28);
    private ByteBuffer payload = ByteBuffer.allocateDirect(1 << 20);
    private boolean structured;
    private volatile NbdExport export;

    NbdSession(SocketChannel ch, NbdServer server) {
        this.ch = ch;
        this.server = server;
    }

    static int flags() {
        return Nbd.FLAG_HAS_FLAGS | Nbd.FLAG_SEND_FLUSH | Nbd.FLAG_SEND_FUA | Nbd.FLAG_SEND_TRIM
                | Nbd.FLAG_SEND_WRITE_ZEROES | Nbd.FLAG_SEND_DF | Nbd.FLAG_CAN_MULTI_CONN;
    }

    @Override
    public void run() {
        try (ch) {
            NbdHandshake.Result chosen = new NbdHandshake(ch, server::export, server.names()).run();
            if (chosen != null) {
                structured = chosen.structured();
                export = chosen.export();
                transmit(chosen.export());
            }
        } catch (EOFException e) {
            LOG.debug("NBD client {} went away: {}", remote(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!server.closed()) {
                LOG.warn("NBD connection from {} ended: {}", remote(), e.toString());
            }
        } finally {
            server.ended(this);
        }
    }

    private void transmit(NbdExport export) throws IOException {
        while (true) {
            readFully(header.clear());
            header.flip();
            if (header.getInt() != Nbd.REQUEST_MAGIC) {
                throw new IOException("NBD client sent a request without the request magic; closing");
            }
            int flags = Short.toUnsignedInt(header.getShort());
            int type = Short.toUnsignedInt(header.getShort());
            long cookie = header.getLong();
            long offset = header.getLong();
            long length = Integer.toUnsignedLong(header.getInt());
            if (type == Nbd.CMD_DISC) {
                return;
            }
            if (type == Nbd.CMD_WRITE) {
                if (length > MAX_REQUEST) {
                    throw new IOException("NBD write of " + length + " bytes exceeds " + MAX_REQUEST + "; closing");
                }
                readFully(buffer((int) length));
                payload.flip();
            }
            int error = check(type, offset, length, export.size());
            try {
                if (error == 0) {
                    error = execute(export, type, flags, cookie, offset, (int) length);
                }
            } catch (IOException e) {
                LOG.warn("NBD {} of {} bytes at {} on export '{}' failed: {}", type, length, offset, export.name(),
                        e.toString());
                error = e.getMessage() != null && e.getMessage().contains("No space") ? Nbd.ENOSPC : Nbd.EIO;
            }
            if (error != 0) {
                replyError(type, cookie, error);
            } else if (type != Nbd.CMD_READ && type != Nbd.CMD_BLOCK_STATUS) {
                simpleReply(cookie, 0);
            }
        }
    }

    private static int check(int type, long offset, long length, long size) {
        if (type > Nbd.CMD_BLOCK_STATUS || type == 5) {
            return Nbd.EINVAL;
        }
        if (type == Nbd.CMD_FLUSH) {
            return 0;
        }
        if (offset < 0 || offset + length > size) {
            return type == Nbd.CMD_WRITE ? Nbd.ENOSPC : Nbd.EINVAL;
        }
        if (type == Nbd.CMD_BLOCK_STATUS && length == 0) {
            return Nbd.EINVAL; // a descriptor must have a non-zero length
        }
        return type == Nbd.CMD_READ && length > MAX_REQUEST ? Nbd.EOVERFLOW : 0;
    }

    /** Runs one request; returns an NBD error, or 0 after sending any reply with data itself. */
    private int execute(NbdExport export, int type, int flags, long cookie, long offset, int length)
            throws IOException {
        switch (type) {
            case Nbd.CMD_READ -> {
                ByteBuffer data = buffer(length);
                export.read(offset, data);
                data.flip();
                replyData(cookie, offset, data);
            }
            case Nbd.CMD_WRITE -> export.write(offset, payload);
            case Nbd.CMD_WRITE_ZEROES -> {
                for (long done = 0; done < length; ) {
                    int n = (int) Math.min(length - done, 1 << 20);
                    ByteBuffer zeros = buffer(n);
                    while (zeros.hasRemaining()) {
                        zeros.put((byte) 0);
                    }
                    export.write(offset + done, zeros.flip());
                    done += n;
                }
            }
            case Nbd.CMD_FLUSH -> export.flush();
            case Nbd.CMD_TRIM -> {
                // advisory: the data stays, which the spec allows; nothing changed, so nothing to track
            }
            case Nbd.CMD_BLOCK_STATUS -> {
                if (!structured) {
                    return Nbd.EINVAL;
                }
                ByteBuffer status = ByteBuffer.allocate(12).putInt(1).putInt(length).putInt(0).flip();
                structuredReply(cookie, Nbd.REPLY_TYPE_BLOCK_STATUS, status);
            }
            default -> {
                return Nbd.EINVAL;
            }
        }
        if ((flags & Nbd.CMD_FLAG_FUA) != 0 && type != Nbd.CMD_READ) {
            export.flush();
        }
        return 0;
    }

    private ByteBuffer buffer(int length) {
        if (payload.capacity() < length) {
            payload = ByteBuffer.allocateDirect(Math.max(length, 2 * payload.capacity()));
        }
        return payload.clear().limit(length);
    }

    private void replyData(long cookie, long offset, ByteBuffer data) throws IOException {
        if (!structured) {
            simpleReply(cookie, 0);
            write(data);
            return;
        }
        ByteBuffer head = ByteBuffer.allocate(28).putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                .putShort((short) Nbd.REPLY_FLAG_DONE).putShort((short) Nbd.REPLY_TYPE_OFFSET_DATA).putLong(cookie)
                .putInt(8 + data.remaining()).putLong(offset).flip();
        write(head);
        write(data);
    }

    private void replyError(int type, long cookie, int error) throws IOException {
        if (!structured) {
            simpleReply(cookie, error);
            return;
        }
        byte[] message = ("request type " + type + " failed").getBytes(StandardCharsets.UTF_8);
        structuredReply(cookie, Nbd.REPLY_TYPE_ERROR, ByteBuffer.allocate(6 + message.length).putInt(error)
                .putShort((short) message.length).put(message).flip());
    }

    private void structuredReply(long cookie, int type, ByteBuffer data) throws IOException {
        write(ByteBuffer.allocate(20).putInt(Nbd.STRUCTURED_REPLY_MAGIC).putShort((short) Nbd.REPLY_FLAG_DONE)
                .putShort((short) type).putLong(cookie).putInt(data.remaining()).flip());
        write(data);
    }

    private void simpleReply(long cookie, int error) throws IOException {
        write(ByteBuffer.allocate(16).putInt(Nbd.SIMPLE_REPLY_MAGIC).putInt(error).putLong(cookie).flip());
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("NBD client closed the connection");
            }
        }
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private String remote() {
        try {
            return String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            return "a client";
        }
    }

    /** The export this connection serves, null during the handshake. */
    NbdExport export() {
        return export;
    }

    void close() throws IOException {
        ch.close();
    }
}
