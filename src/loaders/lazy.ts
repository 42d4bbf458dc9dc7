/** Makes one loader from what a request reads with. */
type Factory<Deps> = (deps: Deps) => unknown;

export type LazyLoaders<F extends Record<string, Factory<never>>> = {
  readonly [K in keyof F]: ReturnType<F[K]>;
};

const DEPS = Symbol('loader deps');

/**
 * A kind of loader set whose loaders are made on first use. The getters live on one prototype per kind, so a set costs
 * one small object until it is read from: a subscription that never loads holds no DataLoaders. A loader, once made,
 * becomes an own property of its set.
 */
export function lazyLoaders<Deps, F extends Record<string, Factory<Deps>>>(factories: F) {
  const prototype = {};
  for (const [key, make] of Object.entries(factories)) {
    Object.defineProperty(prototype, key, {
      enumerable: true,
      get(this: { [DEPS]: Deps }) {
        const loader = make(this[DEPS]);
        Object.defineProperty(this, key, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return {
    keys: Object.keys(factories) as Array<keyof F & string>,
    create(deps: Deps): LazyLoaders<F> {
      const set = Object.create(prototype) as { [DEPS]: Deps };
      set[DEPS] = deps;
      return set as unknown as LazyLoaders<F>;
    },
  };
}

/** `base`, except that the loaders named by `keys` are read from `top`. */
export function overlay<Base extends object, Top extends object>(base: Base, top: Top, keys: ReadonlyArray<keyof Top>): Base {
  const view = Object.create(base) as Base;
  for (const key of keys) Object.defineProperty(view, key, { get: () => top[key], enumerable: true });
  return view;
}
