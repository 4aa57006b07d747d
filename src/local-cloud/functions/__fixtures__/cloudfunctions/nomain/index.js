exports.handler = () => 'wrong export name'
