/**
 * Responses smaller than this are sent as they are, locally and by API Gateway (the REST API's
 * `minimumCompressionSize`): below about a kilobyte, compressing saves less than it costs, and a
 * single-resource read (a customer, a product) mostly fits in one TCP packet anyway, while lists compress well.
 */
export const MINIMUM_COMPRESSION_BYTES = 1024;
