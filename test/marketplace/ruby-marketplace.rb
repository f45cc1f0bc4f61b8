# Ruby octokit's Marketplace methods against hubcap, as a Ruby app calls them. Run by
# ruby-octokit.test.ts; prints one JSON object of what each call returned (or the error class it raised).
require "base64"
require "json"
require "octokit"
require "openssl"

url = ENV.fetch("HUBCAP_URL")

# The app's JWT as GitHub's Ruby example makes it (iat a minute back, exp ten minutes on), signed with
# OpenSSL: Debian's ruby-octokit does not bring the jwt gem.
def app_jwt(app_id, pem)
  now = Time.now.to_i
  encode = ->(value) { Base64.urlsafe_encode64(JSON.generate(value), padding: false) }
  input = "#{encode.call(alg: "RS256", typ: "JWT")}.#{encode.call(iat: now - 60, exp: now + 600, iss: app_id)}"
  signature = OpenSSL::PKey::RSA.new(pem).sign(OpenSSL::Digest::SHA256.new, input)
  "#{input}.#{Base64.urlsafe_encode64(signature, padding: false)}"
end

def attempt
  yield
rescue Octokit::Error => e
  e.class.name
end

plans = lambda do |client|
  client.list_plans.map { |p| { id: p.id, number: p.number, name: p.name, price_model: p.price_model } }
end
accounts = ->(list) { list.map { |a| { login: a.login, plan: a.marketplace_purchase.plan.name } } }

as_app = Octokit::Client.new(
  bearer_token: app_jwt(Integer(ENV.fetch("APP_ID")), File.read(ENV.fetch("PEM_FILE"))),
  api_endpoint: "#{url}/api/v3/",
  auto_paginate: true,
  per_page: 1,
)
as_oauth_app = Octokit::Client.new(
  client_id: ENV.fetch("CLIENT_ID"),
  client_secret: ENV.fetch("CLIENT_SECRET"),
  api_endpoint: "#{url}/api/v3/",
)
wrong_secret = Octokit::Client.new(client_id: ENV.fetch("CLIENT_ID"), client_secret: "nope", api_endpoint: "#{url}/api/v3/")
person = Octokit::Client.new(access_token: ENV.fetch("USER_TOKEN"), api_endpoint: "#{url}/api/v3/")

app_plans = plans.call(as_app)
last_plans_page = as_app.last_response.env.url.to_s
pro = app_plans.find { |p| p[:name] == "Pro" }
output = {
  app_plans: app_plans,
  oauth_app_plans: plans.call(as_oauth_app),
  accounts_for_pro: accounts.call(as_app.list_accounts_for_plan(pro[:id])),
  oauth_accounts_for_pro: accounts.call(as_oauth_app.list_accounts_for_plan(pro[:id])),
  plan_for_org: as_app.plan_for_account(Integer(ENV.fetch("ORG_ID"))).marketplace_purchase.plan.name,
  plan_for_nobody: attempt { as_oauth_app.plan_for_account(Integer(ENV.fetch("NOBODY_ID"))) },
  wrong_secret: attempt { wrong_secret.list_plans },
  purchases: person.marketplace_purchases.map { |p| [p.account.login, p.plan.name] }.sort,
  last_plans_page: last_plans_page,
}
puts JSON.generate(output)
