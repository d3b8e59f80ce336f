// openapi-fetch names its client's methods after HTTP verbs (client.GET); they are not constructors.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    'new-cap': ['error', { capIsNewExceptionPattern: '\\.(GET|PUT|POST|PATCH|DELETE)$' }],
  },
});
