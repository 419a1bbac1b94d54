export type { DepthWalk, OrderBookView } from './order-book-view';
