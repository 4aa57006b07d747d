exports.main = async () => ({ ok: true })
