// What a lite class and Node's do with the same script, in a form that compares: the error's class where
// one throws, else the script's result and what the object shows afterwards.

export const errorName = (error: unknown) => (error as Error).constructor.name;

/** The project's lib has DOM without DOM.Iterable: Node's Headers and FormData iterate all the same. */
export const all = (iterable: unknown) => [...(iterable as Iterable<unknown>)];

export async function outcomeOf<T>(
  make: () => T,
  read: (made: T) => unknown,
  observe: (made: T) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let made: T;
  try {
    made = make();
  } catch (error) {
    return { threw: errorName(error) };
  }
  let result: unknown;
  try {
    result = await read(made);
  } catch (error) {
    result = { threw: errorName(error) };
  }
  return { result, ...observe(made) };
}
