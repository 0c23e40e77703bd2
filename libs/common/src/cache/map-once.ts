/**
 * `map`, remembered per input object. A list cache serves the same frozen rows to many
 * requests; each row is then turned into its response once, not once per request. Only for
 * pure maps of rows that never change (frozen), since the first answer is kept. The answers
 * are frozen too: every later request shares them.
 */
export function mapOnce<T extends object, R extends object>(map: (item: T) => R): (item: T) => R {
  const answers = new WeakMap<T, R>();
  return (item) => {
    let answer = answers.get(item);
    if (answer === undefined) {
      answer = Object.freeze(map(item));
      answers.set(item, answer);
    }
    return answer;
  };
}
