// GS1 Digital Link: reading and writing trade-item URIs, and the resolver's linkset and link choice.
export {
  acceptedLanguages,
  buildLinkset,
  chooseLink,
  expandLinkType,
  GS1_VOC,
  type LinkChoice,
  type Linkset,
  type ResolverLink,
} from './linkset.ts';
export {
  CSET82,
  DigitalLinkError,
  encodeValue,
  parseTradeItemLink,
  type TradeItemLink,
  tradeItemPath,
  tradeItemUri,
} from './uri.ts';
