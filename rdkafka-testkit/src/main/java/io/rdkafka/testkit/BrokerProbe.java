package io.rdkafka.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a broker for its API versions over a plain socket. A broker binds its ports early but answers
 * requests only once it has joined the cluster, so an answer means ready; connecting alone proves nothing.
 */
final class BrokerProbe {
  private static final short API_VERSIONS = 18;
  private static final byte[] CLIENT_ID = "rdkafka-testkit-probe".getBytes(StandardCharsets.UTF_8);

  private BrokerProbe() {}

  static boolean answers(String host, int port, int timeoutMillis) {
    int correlationId = (int) (System.nanoTime() & 0x7fffffff);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      // Request header v1 (api key, api version, correlation id, client id) and an empty ApiVersions v0 body.
      out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
      out.writeShort(API_VERSIONS);
      out.writeShort(0);
      out.writeInt(correlationId);
      out.writeShort(CLIENT_ID.length);
      out.write(CLIENT_ID);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      return size >= 4 && in.readInt() == correlationId;
    } catch (IOException notYet) {
      return false;
    }
  }
}
