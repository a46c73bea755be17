package io.homefleet.sensorproxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A socket client with no dependencies beyond the JDK, so tests can also run it as another user
 * ({@code setpriv --reuid=100000 ... java -cp target/test-classes ...}) and get real SO_PEERCRED values.
 */
public final class SocketClientMain {
    private SocketClientMain() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(call(Path.of(args[0]), args[1] + "\n"));
    }

    /** Sends raw bytes (the caller adds the newline, or not) and returns everything the server answers. */
    public static String call(Path socket, String raw) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8));
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            } catch (IOException e) {
                // the server may answer and close before reading everything (oversized requests)
            }
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            try {
                while (channel.read(buf) >= 0) {
                    in.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            } catch (IOException e) {
                // connection reset after the response: keep what arrived
            }
            return in.toString(StandardCharsets.UTF_8);
        }
    }
}
