package org.stowage.engine.internal.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's side of the protocol byte by byte, with a hand-written client: what real clients (tested in
 * VolumeExportTest) never send, such as unknown options and exports, requests beyond the end, and bad flags.
 */
class NbdServerTest {

    private final byte[] disk = new byte[1 << 20];
    private NbdServer server;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    @BeforeEach
    void start() throws IOException {
        server = NbdServer.start(new InetSocketAddress("127.0.0.1", 0));
        server.add(new NbdExport() {
            @Override
            public String name() {
                return "disk";
            }

            @Override
            public long size() {
                return disk.length;
            }

            @Override
            public void read(long offset, ByteBuffer into) {
                into.put(disk, (int) offset, into.remaining());
            }

            @Override
            public void write(long offset, ByteBuffer data) {
                data.get(disk, (int) offset, data.remaining());
            }

            @Override
            public void flush() {
            }
        });
        socket = new Socket("127.0.0.1", server.port());
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.close();
    }

    @Test
    void fixedNewstyleHaggleThenGoThenReadWriteAndErrors() throws IOException {
        assertEquals(Nbd.NBDMAGIC, in.readLong());
        assertEquals(Nbd.IHAVEOPT, in.readLong());
        assertEquals(Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES, in.readShort());
        out.writeInt(Nbd.FLAG_C_FIXED_NEWSTYLE | Nbd.FLAG_C_NO_ZEROES);

        option(Nbd.OPT_LIST, new byte[0]);
        assertEquals(Nbd.REP_SERVER, reply(Nbd.OPT_LIST, "\0\0\0\4disk".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Nbd.REP_ACK, reply(Nbd.OPT_LIST, new byte[0]));
        option(42, new byte[] {1, 2, 3});
        assertEquals(Nbd.REP_ERR_UNSUP, reply(42, new byte[0]), "an unknown option, and haggling goes on");
        option(Nbd.OPT_GO, go("nope"));
        assertEquals(Nbd.REP_ERR_UNKNOWN, reply(Nbd.OPT_GO, new byte[0]));
        option(Nbd.OPT_GO, go("disk"));
        byte[] info = ByteBuffer.allocate(12).putShort((short) Nbd.INFO_EXPORT).putLong(disk.length)
                .putShort((short) NbdSession.flags()).array();
        assertEquals(Nbd.REP_INFO, reply(Nbd.OPT_GO, info));
        byte[] sizes = ByteBuffer.allocate(14).putShort((short) Nbd.INFO_BLOCK_SIZE).putInt(1).putInt(4096)
                .putInt(NbdSession.MAX_REQUEST).array();
        assertEquals(Nbd.REP_INFO, reply(Nbd.OPT_GO, sizes));
        assertEquals(Nbd.REP_ACK, reply(Nbd.OPT_GO, new byte[0]));

        request(Nbd.CMD_WRITE, 1, 4096, new byte[] {9, 8, 7, 6});
        assertEquals(0, simpleReply(1));
        assertArrayEquals(new byte[] {9, 8, 7, 6}, java.util.Arrays.copyOfRange(disk, 4096, 4100));
        request(Nbd.CMD_READ, 2, 4094, 6);
        assertEquals(0, simpleReply(2));
        byte[] read = new byte[6];
        in.readFully(read);
        assertArrayEquals(new byte[] {0, 0, 9, 8, 7, 6}, read);
        request(Nbd.CMD_READ, 3, disk.length - 2, 4);
        assertEquals(Nbd.EINVAL, simpleReply(3), "a read beyond the end, and the session goes on");
        request(Nbd.CMD_WRITE, 4, disk.length - 2, new byte[4]);
        assertEquals(Nbd.ENOSPC, simpleReply(4), "a write beyond the end");
        request(Nbd.CMD_FLUSH, 5, 0, 0);
        assertEquals(0, simpleReply(5));
        request(Nbd.CMD_TRIM, 6, 0, 4096);
        assertEquals(0, simpleReply(6));
        request(Nbd.CMD_WRITE_ZEROES, 7, 4096, 2);
        assertEquals(0, simpleReply(7));
        assertEquals(0, disk[4096] | disk[4097]);
        assertEquals(7, disk[4098]);
        request(Nbd.CMD_BLOCK_STATUS, 8, 0, 4096);
        assertEquals(Nbd.EINVAL, simpleReply(8), "block status needs structured replies");
        request(Nbd.CMD_DISC, 9, 0, 0);
        assertThrows(EOFException.class, in::readByte, "the server closes after DISC");
    }

    @Test
    void unknownClientFlagsCloseTheConnection() throws IOException {
        in.readLong();
        in.readLong();
        in.readShort();
        out.writeInt(0x80);
        assertThrows(EOFException.class, in::readByte);
    }

    @Test
    void structuredRepliesCarryReadsAndBlockStatus() throws IOException {
        in.readLong();
        in.readLong();
        in.readShort();
        out.writeInt(Nbd.FLAG_C_FIXED_NEWSTYLE | Nbd.FLAG_C_NO_ZEROES);
        option(Nbd.OPT_STRUCTURED_REPLY, new byte[0]);
        assertEquals(Nbd.REP_ACK, reply(Nbd.OPT_STRUCTURED_REPLY, new byte[0]));
        byte[] name = "disk".getBytes(StandardCharsets.UTF_8);
        byte[] query = Nbd.BASE_ALLOCATION.getBytes(StandardCharsets.UTF_8);
        option(Nbd.OPT_SET_META_CONTEXT, ByteBuffer.allocate(4 + name.length + 8 + query.length).putInt(name.length)
                .put(name).putInt(1).putInt(query.length).put(query).array());
        assertEquals(Nbd.REP_META_CONTEXT, reply(Nbd.OPT_SET_META_CONTEXT,
                ByteBuffer.allocate(4 + query.length).putInt(1).put(query).array()));
        assertEquals(Nbd.REP_ACK, reply(Nbd.OPT_SET_META_CONTEXT, new byte[0]));
        option(Nbd.OPT_EXPORT_NAME, name);
        assertEquals(disk.length, in.readLong());
        assertEquals(NbdSession.flags(), in.readShort());

        disk[10] = 5;
        request(Nbd.CMD_READ, 1, 8, 4);
        assertEquals(Nbd.STRUCTURED_REPLY_MAGIC, in.readInt());
        assertEquals(Nbd.REPLY_FLAG_DONE, in.readShort());
        assertEquals(Nbd.REPLY_TYPE_OFFSET_DATA, in.readShort());
        assertEquals(1, in.readLong());
        assertEquals(12, in.readInt());
        assertEquals(8, in.readLong());
        assertEquals(0x00000500, in.readInt());
        request(Nbd.CMD_BLOCK_STATUS, 2, 0, 8192);
        assertEquals(Nbd.STRUCTURED_REPLY_MAGIC, in.readInt());
        assertEquals(Nbd.REPLY_FLAG_DONE, in.readShort());
        assertEquals(Nbd.REPLY_TYPE_BLOCK_STATUS, in.readShort());
        assertEquals(2, in.readLong());
        assertEquals(12, in.readInt());
        assertEquals(1, in.readInt(), "context id");
        assertEquals(8192, in.readInt());
        assertEquals(0, in.readInt(), "allocated, contents unknown: the status the spec allows always");
    }

    private static byte[] go(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + n.length + 2).putInt(n.length).put(n).putShort((short) 0).array();
    }

    private void option(int option, byte[] data) throws IOException {
        out.writeLong(Nbd.IHAVEOPT);
        out.writeInt(option);
        out.writeInt(data.length);
        out.write(data);
        out.flush();
    }

    /** Reads one option reply for {@code option}; checks its data; returns its type. */
    private int reply(int option, byte[] expected) throws IOException {
        assertEquals(Nbd.REPLY_MAGIC, in.readLong());
        assertEquals(option, in.readInt());
        int type = in.readInt();
        byte[] data = new byte[in.readInt()];
        in.readFully(data);
        assertArrayEquals(expected, data);
        return type;
    }

    private void request(int type, long cookie, long offset, int length) throws IOException {
        out.writeInt(Nbd.REQUEST_MAGIC);
        out.writeShort(0);
        out.writeShort(type);
        out.writeLong(cookie);
        out.writeLong(offset);
        out.writeInt(length);
        out.flush();
    }

    private void request(int type, long cookie, long offset, byte[] data) throws IOException {
        request(type, cookie, offset, data.length);
        out.write(data);
        out.flush();
    }

    private int simpleReply(long cookie) throws IOException {
        assertEquals(Nbd.SIMPLE_REPLY_MAGIC, in.readInt());
        int error = in.readInt();
        assertEquals(cookie, in.readLong());
        return error;
    }
}
