export {
  type Call,
  type ClientName,
  type ClientUnderTest,
  clients,
  type Form,
  type Reply,
} from './testing/clients.ts';
export {
  type ReceivedRequest,
  type SendThroughOptions,
  sendThroughClients,
  type ThroughClient,
} from './testing/received.ts';
