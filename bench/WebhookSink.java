import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook receiver of bench/webhooks.py and WsBench (java bench/WebhookSink.java FILE): answers
 * every request with 204 and appends "path id occurredAt arrival" (epoch seconds) to FILE. It
 * shares the two cores with the server under test, and whatever it spends the benchmark charges to
 * the fan-out: the Python receiver took most of a core at 1,500 deliveries/s, and the JDK's
 * HttpServer still 80 µs per request (19 % of a core at 2,300/s). So this is one selector thread
 * over non-blocking keep-alive connections that parses only what it needs (the request line, the
 * Content-Length, two fields of the body) and answers with a fixed response; the file is flushed
 * every 100 ms (WsBench reads it only after 2 s of quiet). Not a general HTTP server: it expects
 * requests with a Content-Length, as the Castiel server sends them.
 */
public class WebhookSink {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** A connection's unparsed input, and output not yet written (the socket's buffer was full). */
    private static final class Connection {
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer pending;
        boolean closeAfterWrite;
    }

    public static void main(String[] args) throws IOException {
        BufferedWriter out = new BufferedWriter(new FileWriter(args[0], StandardCharsets.UTF_8, true));
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 512);
        server.configureBlocking(false);
        Selector selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        Thread flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(100);
                    synchronized (out) {
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "flusher");
        flusher.setDaemon(true);
        flusher.start();
        System.out.println(((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();

        while (true) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (key.isAcceptable()) {
                        SocketChannel channel;
                        while ((channel = server.accept()) != null) {
                            channel.configureBlocking(false);
                            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                            channel.register(selector, SelectionKey.OP_READ, new Connection());
                        }
                    } else if (key.isWritable()) {
                        write(key);
                    } else if (key.isReadable()) {
                        read(key, out);
                    }
                } catch (IOException | RuntimeException e) {
                    key.cancel();
                    key.channel().close();
                }
            }
        }
    }

    private static void read(SelectionKey key, BufferedWriter out) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        int read = channel.read(connection.in);
        if (read < 0) {
            key.cancel();
            channel.close();
            return;
        }
        Instant arrived = Instant.now();
        ByteBuffer in = connection.in;
        ByteBuffer responses = null;
        int start = 0;
        while (true) {
            int headEnd = indexOf(in.array(), start, in.position());
            if (headEnd < 0) {
                break;
            }
            String head = new String(in.array(), start, headEnd - start, StandardCharsets.ISO_8859_1);
            int length = contentLength(head);
            if (length < 0) {
                respond(key, connection, ByteBuffer.wrap(BAD_REQUEST), true);
                return;
            }
            int bodyStart = headEnd + 4;
            if (in.position() - bodyStart < length) {
                if (bodyStart + length - start > in.capacity()) { // a request larger than the buffer
                    ByteBuffer bigger = ByteBuffer.allocate(bodyStart + length - start);
                    bigger.put(in.array(), start, in.position() - start);
                    connection.in = bigger;
                    return;
                }
                break;
            }
            String body = new String(in.array(), bodyStart, length, StandardCharsets.UTF_8);
            record(out, head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1)), body, arrived);
            responses = responses == null ? ByteBuffer.allocate(NO_CONTENT.length * 4) : responses;
            if (responses.remaining() < NO_CONTENT.length) {
                responses = ByteBuffer.allocate(responses.capacity() * 2).put(responses.flip());
            }
            responses.put(NO_CONTENT);
            start = bodyStart + length;
        }
        // Keep the unparsed rest at the start of the buffer.
        int rest = in.position() - start;
        System.arraycopy(in.array(), start, in.array(), 0, rest);
        in.position(rest);
        if (!in.hasRemaining()) { // a request head larger than the buffer
            connection.in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        }
        if (responses != null) {
            respond(key, connection, responses.flip(), false);
        }
    }

    private static void record(BufferedWriter out, String path, String body, Instant arrived) throws IOException {
        // The envelope's own id and occurredAt come before "data" (the record's field order).
        int query = path.indexOf('?');
        Matcher id = ID.matcher(body);
        Matcher occurred = OCCURRED_AT.matcher(body);
        if (id.find() && occurred.find()) {
            String line = (query < 0 ? path : path.substring(0, query)) + " " + id.group(1) + " "
                    + seconds(Instant.parse(occurred.group(1))) + " " + seconds(arrived) + "\n";
            synchronized (out) {
                out.write(line);
            }
        }
    }

    private static void respond(SelectionKey key, Connection connection, ByteBuffer response, boolean close) throws IOException {
        connection.pending = response;
        connection.closeAfterWrite = close;
        write(key);
    }

    /** Writes what is pending; waits for the socket to take the rest (OP_WRITE) rather than spinning. */
    private static void write(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        channel.write(connection.pending);
        if (connection.pending.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        connection.pending = null;
        if (connection.closeAfterWrite) {
            key.cancel();
            channel.close();
        } else {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** The position of the blank line ending a request head in {@code bytes[from, to)}, or -1. */
    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The request's Content-Length (0 without a body), or -1 for a body this receiver cannot frame (chunked). */
    private static int contentLength(String head) {
        int length = 0;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            } else if (name.equals("transfer-encoding")) {
                return -1;
            }
        }
        return length;
    }

    private static String seconds(Instant instant) {
        String micros = Integer.toString(1_000_000 + instant.getNano() / 1000).substring(1);
        return instant.getEpochSecond() + "." + micros;
    }
}
