package io.castiel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay from a local port to a real server (the broker, PostgreSQL, Redis), which a test can
 * cut ({@link #cut}: connections dropped, new ones refused) and restore, to play an outage without
 * touching the server other processes use.
 */
public final class TcpRelay implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public TcpRelay(int targetPort) {
        this.targetPort = targetPort;
        this.server = open(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    /** Drops every relayed connection and refuses new ones. */
    public void cut() {
        close();
    }

    /** Accepts connections again, on the same port. */
    public void restore() {
        server = open(port);
        accept(server);
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private static ServerSocket open(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        daemon("relay-accept", () -> {
            while (!listening.isClosed()) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (IOException e) {
                    return; // closed: stop accepting
                }
                try {
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    // A cut while this connection was being accepted must end it too: close() cannot
                    // see it until it is in the list, so both happen under the relay's lock.
                    synchronized (this) {
                        if (listening.isClosed()) {
                            client.close();
                            target.close();
                            continue;
                        }
                        sockets.add(client);
                        sockets.add(target);
                    }
                    pump(client, target);
                    pump(target, client);
                } catch (IOException targetDown) {
                    // The real server is down too: the client sees its connection closed, as it would.
                    try {
                        client.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        daemon("relay-pump", () -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
