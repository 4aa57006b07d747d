exports.main = (event) => {
  if (event.how === 'sync') throw new Error('sync boom')
  if (event.how === 'string') throw 'plain string boom' // eslint-disable-line no-throw-literal
  return Promise.reject(new Error('async boom'))
}
