/** The loaded catalogue's provider token, apart from PolicyModule so its controller can inject it. */
export const policyCatalogueToken = Symbol('PolicyCatalogue');
