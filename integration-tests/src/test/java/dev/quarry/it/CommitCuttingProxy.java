package dev.quarry.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of PostgreSQL that reads the wire protocol just enough to see a
 * COMMIT go by, and can then cut the connection: before forwarding it, or after the server has
 * executed it but before its answer reaches the client. The second case is the ambiguous
 * commit: the server committed, the client saw only a broken connection.
 *
 * <p>Client messages are a type byte, a 4-byte length and a body (the first one, the startup
 * message, has no type byte). COMMIT arrives as a simple Query ('Q') or as an extended-protocol
 * Parse ('P') of the text {@code COMMIT}, later run through Bind ('B') by statement name once
 * pgjdbc prepares it on the server; all three are recognised.
 */
final class CommitCuttingProxy implements AutoCloseable {
  /** What to do when a COMMIT goes by. */
  enum Mode {
    /** Forward everything: a transparent proxy. */
    PASS,
    /** Close both sockets without forwarding the COMMIT: nothing was committed. */
    CUT_BEFORE_COMMIT,
    /** Forward the COMMIT, let the server answer, swallow the answer and close: committed. */
    CUT_AFTER_COMMIT
  }

  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?/");

  private final ServerSocket listener;
  private final String upstreamHost;
  private final int upstreamPort;
  private volatile Mode mode = Mode.PASS;
  final AtomicInteger commitsSeen = new AtomicInteger();
  final AtomicInteger commitsAnsweredAndSwallowed = new AtomicInteger();

  CommitCuttingProxy(String upstreamJdbcUrl) throws IOException {
    Matcher m = HOST_PORT.matcher(upstreamJdbcUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("no host in " + upstreamJdbcUrl);
    }
    upstreamHost = m.group(1);
    upstreamPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "commit-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** {@code upstreamJdbcUrl} pointed at this proxy, without TLS or GSS (the proxy reads the bytes). */
  static String through(String upstreamJdbcUrl, int port) {
    String url = HOST_PORT.matcher(upstreamJdbcUrl).replaceFirst("//127.0.0.1:" + port + "/");
    return url + (url.contains("?") ? "&" : "?") + "sslmode=disable&gssEncMode=disable";
  }

  int port() {
    return listener.getLocalPort();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(upstreamHost, upstreamPort);
        Link link = new Link(client, server);
        start("commit-proxy-up", link::clientToServer);
        start("commit-proxy-down", link::serverToClient);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** One client connection and its upstream twin. */
  private final class Link {
    final Socket client;
    final Socket server;
    final Set<String> commitStatements = new HashSet<>();
    volatile boolean swallowReplies;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void clientToServer() {
      try (DataInputStream in = new DataInputStream(client.getInputStream())) {
        OutputStream out = server.getOutputStream();
        int length = in.readInt();
        byte[] startup = in.readNBytes(length - 4);
        out.write(int32(length));
        out.write(startup);
        out.flush();
        while (true) {
          byte type = in.readByte();
          length = in.readInt();
          byte[] body = in.readNBytes(length - 4);
          if (isCommit(type, body) && mode != Mode.PASS) {
            commitsSeen.incrementAndGet();
            if (mode == Mode.CUT_BEFORE_COMMIT) {
              closeBoth();
              return;
            }
            swallowReplies = true;
          }
          out.write(type);
          out.write(int32(length));
          out.write(body);
          out.flush();
        }
      } catch (IOException e) {
        closeBoth();
      }
    }

    void serverToClient() {
      try (DataInputStream in = new DataInputStream(server.getInputStream())) {
        OutputStream out = client.getOutputStream();
        while (true) {
          byte type = in.readByte();
          int length = in.readInt();
          byte[] body = in.readNBytes(length - 4);
          if (swallowReplies) {
            if (type == 'Z') { // ReadyForQuery: the server has finished the COMMIT
              commitsAnsweredAndSwallowed.incrementAndGet();
              closeBoth();
              return;
            }
            continue;
          }
          out.write(type);
          out.write(int32(length));
          out.write(body);
          out.flush();
        }
      } catch (IOException e) {
        closeBoth();
      }
    }

    /** A Query of COMMIT, a Parse of COMMIT (remembering its statement name), or a Bind of that statement. */
    boolean isCommit(byte type, byte[] body) {
      if (type == 'Q') {
        return isCommitText(cstring(body, 0));
      }
      if (type == 'P') {
        String name = cstring(body, 0);
        boolean commit = isCommitText(cstring(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
        if (commit && !name.isEmpty()) {
          commitStatements.add(name);
        }
        return commit;
      }
      if (type == 'B') {
        String portal = cstring(body, 0);
        String statement = cstring(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
        return !statement.isEmpty() && commitStatements.contains(statement);
      }
      return false;
    }

    void closeBoth() {
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static boolean isCommitText(String sql) {
    String s = sql.trim();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    return s.equalsIgnoreCase("COMMIT") || s.equalsIgnoreCase("END");
  }

  private static String cstring(byte[] body, int from) {
    int end = from;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    return new String(body, from, end - from, StandardCharsets.UTF_8);
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
