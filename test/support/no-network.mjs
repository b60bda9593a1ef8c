// Preloaded with --import (it also runs in worker threads): any attempt to open a network connection throws,
// so a test proves that nothing is downloaded at run time.
import net from 'node:net';
import tls from 'node:tls';

const refuse = (what) => () => {
  throw new Error(`network access attempted (${what}) while the network is unreachable`);
};
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
globalThis.fetch = refuse('fetch');
