#include "generate/internal/vocabulary.h"

#include <array>
#include <cassert>

namespace linea::generate::internal {
namespace {

constexpr std::array<std::string_view, kHubCount> kHubNames = {
    "dt",         "subscriber_id", "msisdn",    "region_id", "cell_id",
    "account_id", "customer_id",   "device_id", "tariff_id", "contract_id"};
constexpr std::array<std::string_view, kHubCount> kHubTypes = {
    "date", "bigint", "string", "int", "bigint", "bigint", "bigint", "string", "int", "bigint"};

// name | stems | attrs | hubs (besides dt) | model base names | b2b
struct RawDomain {
  std::string_view name, stems, attrs, hubs, models;
  bool b2b;
};

constexpr RawDomain kRawDomains[] = {
    {"geo",
     "cell_events subscriber_moves lac_registrations location_pings home_work_places cell_towers "
     "region_visits trip_segments",
     "lat lon accuracy_m distance_km dwell_min moves_cnt event_type azimuth signal_dbm sector_id "
     "visit_cnt speed_kmh",
     "subscriber_id msisdn cell_id region_id", "home_location mobility_forecast", false},
    {"billing",
     "invoices payments_in charges balance_snapshots adjustments usage_charges bills "
     "credit_limits",
     "amount_rub tax_rub discount_rub balance_rub charge_type invoice_status due_days currency "
     "paid_flag debt_rub arpu_rub write_off_rub",
     "subscriber_id account_id contract_id tariff_id", "debt_prediction payment_delay bill_shock",
     false},
    {"scoring",
     "credit_checks score_inputs risk_events bureau_replies limits_history default_events "
     "applications collateral",
     "score pd_value risk_grade bureau_score income_rub limit_rub dpd_days decision overdue_cnt "
     "approval_flag exposure_rub utilization",
     "customer_id subscriber_id account_id", "churn_scoring credit_scoring arpu_forecast", false},
    {"crm",
     "customers contacts interactions campaign_replies segments households consents profiles",
     "age gender segment_code tenure_days status channel nps_score contact_cnt language vip_flag "
     "birth_year city",
     "customer_id subscriber_id msisdn region_id",
     "next_best_offer customer_ltv segment_propensity", false},
    {"antifraud",
     "fraud_alerts sim_swaps call_patterns device_changes blacklist_hits otp_requests port_outs "
     "risky_sessions",
     "alert_type risk_score swap_cnt velocity rule_id blocked_flag case_status otp_cnt "
     "anomaly_score ip_cnt confirmed_flag loss_rub",
     "subscriber_id msisdn device_id cell_id", "fraud_detection sim_swap_fraud bot_detection",
     false},
    {"roaming",
     "roaming_sessions tap_records visited_networks roaming_charges border_crossings "
     "partner_usage steering_events welcome_sms",
     "country_code partner_mcc roaming_mb roaming_min roaming_rub session_cnt zone tap_status "
     "steering_flag visit_days sms_cnt rate_rub",
     "subscriber_id msisdn region_id", "roaming_churn travel_propensity", false},
    {"network",
     "cell_kpis traffic_flows outages handovers drop_calls capacity_usage alarms backhaul_links",
     "throughput_mbps latency_ms drop_rate prb_util alarm_severity outage_min handover_cnt "
     "traffic_gb availability rsrp sinr jitter_ms",
     "cell_id region_id", "cell_anomaly capacity_forecast qoe_scoring", false},
    {"retail",
     "store_sales pos_receipts stock_levels shop_visits orders returns promo_sales "
     "sim_activations",
     "qty price_rub revenue_rub store_id sku margin_rub visit_cnt basket_rub return_flag "
     "promo_code stock_qty activation_cnt",
     "customer_id region_id device_id", "store_demand upsell_propensity basket_recommender", false},
    {"b2b",
     "corp_accounts contracts corp_usage sla_events vpn_links corp_invoices m2m_sims tenders",
     "inn employees_cnt contract_rub sla_breach_cnt line_cnt industry mrr_rub manager_id "
     "bandwidth_mbps churn_flag sim_cnt tender_status",
     "account_id contract_id customer_id", "b2b_churn corp_upsell lead_scoring", true},
    {"marketing", "campaigns offers responses impressions clicks push_sends promo_codes journeys",
     "offer_id channel response_flag ctr conversion_flag cost_rub impressions_cnt clicks_cnt "
     "uplift creative_id control_flag send_cnt",
     "subscriber_id customer_id region_id", "campaign_response uplift_model offer_ranking", false},
    {"payments",
     "card_payments transfers autopayments wallet_ops refunds acquiring topups merchant_txn",
     "amount_rub fee_rub mcc merchant_id txn_status card_type refund_flag topup_cnt "
     "wallet_balance_rub bank_code auth_code txn_cnt",
     "account_id subscriber_id msisdn", "payment_fraud topup_forecast", false},
    {"content",
     "video_views music_streams subscriptions content_catalog ebook_reads game_sessions trials "
     "purchases",
     "watch_min title_id genre provider sub_status price_rub stream_cnt completion_rate "
     "trial_flag rating session_min purchase_cnt",
     "subscriber_id device_id", "content_recommender subscription_churn", false},
    {"devices",
     "device_registry imei_changes handset_sales device_caps os_updates esim_profiles "
     "installments repairs",
     "vendor model_name os_version volte_flag lte_flag price_rub device_age_days esim_flag "
     "screen_inch installment_rub repair_cnt change_cnt",
     "device_id subscriber_id", "device_upgrade handset_recommender", false},
    {"care",
     "tickets ivr_calls chat_sessions complaints surveys callbacks agent_actions escalations",
     "ticket_type resolution_min csat fcr_flag queue_min agent_id topic reopen_cnt complaint_cnt "
     "sentiment priority escalation_flag",
     "subscriber_id customer_id msisdn", "complaint_prediction call_intent csat_prediction", false},
    {"iot", "iot_devices telemetry sensor_events iot_sessions meters trackers firmware iot_alarms",
     "sensor_type reading battery_pct firmware_ver payload_kb session_cnt meter_value alarm_cnt "
     "temperature_c uptime_h signal_quality msg_cnt",
     "device_id account_id cell_id", "iot_anomaly meter_forecast", true},
    {"tariffs",
     "tariff_plans plan_changes options bundles price_lists addons promo_plans plan_history",
     "plan_code monthly_fee_rub minutes_quota gb_quota sms_quota option_code change_cnt "
     "bundle_flag discount_pct plan_family start_dt end_dt",
     "tariff_id subscriber_id", "tariff_recommendation plan_migration", false},
    {"interconnect",
     "ic_traffic ic_settlements transit_routes ic_rates ic_disputes sms_hubbing ic_cdr "
     "carrier_links",
     "carrier_id route_id minutes rate_rub settlement_rub dispute_flag asr acd_sec sms_cnt "
     "direction trunk_id cost_rub",
     "region_id cell_id", "ic_traffic_forecast route_anomaly", true},
    {"sales",
     "sales_orders leads dealer_sales activations commissions sales_targets channel_sales quotes",
     "dealer_id channel order_rub lead_status commission_rub target_rub activation_flag quote_rub "
     "conversion_flag region_name qty manager_id",
     "customer_id region_id tariff_id", "sales_forecast dealer_fraud", false},
    {"finance", "gl_entries revenue_recognition cost_centers budgets accruals fx_rates capex opex",
     "account_code amount_rub cost_center budget_rub accrual_rub fx_rate period entity_code "
     "capex_rub opex_rub variance_rub posted_flag",
     "account_id region_id contract_id", "revenue_forecast bad_debt", false},
    {"loyalty",
     "bonus_accruals bonus_redemptions loyalty_members partner_offers tiers rewards cashback "
     "challenges",
     "points tier redeemed_points partner_id cashback_rub member_flag reward_type expiry_days "
     "earn_cnt burn_cnt level challenge_id",
     "subscriber_id customer_id", "loyalty_churn reward_propensity", false},
    {"partners",
     "partner_deals mvno_usage partner_payouts api_calls marketplace_orders affiliate_clicks "
     "partner_catalog rev_share",
     "partner_id deal_type payout_rub api_method call_cnt share_pct order_rub click_cnt sku "
     "revenue_rub status sla_ms",
     "account_id contract_id", "partner_revenue mvno_churn", true},
    {"messaging",
     "sms_records mms_records a2p_sms rcs_messages ussd_sessions spam_reports bulk_sends "
     "sender_names",
     "sender msg_cnt msg_type delivery_status segments_cnt spam_flag template_id price_rub "
     "ussd_code sent_cnt delivered_cnt reply_flag",
     "msisdn subscriber_id", "spam_detection a2p_forecast", false},
    {"voice",
     "call_records volte_calls voicemail call_forwards conference_calls video_calls missed_calls "
     "short_numbers",
     "duration_sec called_msisdn call_type mos setup_ms answered_flag forward_cnt call_cnt "
     "minutes codec direction cost_rub",
     "msisdn subscriber_id cell_id", "voice_quality call_drop_prediction", false},
    {"security",
     "auth_events access_logs vuln_scans dlp_incidents admin_actions ssl_certs firewall_hits "
     "key_rotations",
     "user_login action result_code ip severity rule_name incident_cnt host blocked_flag port "
     "cert_days_left attempt_cnt",
     "account_id device_id", "intrusion_detection account_takeover", false},
    {"logistics",
     "shipments warehouse_moves deliveries couriers sim_stock device_stock pickups routes",
     "warehouse_id qty courier_id delivery_min status weight_kg route_km sku late_flag cost_rub "
     "pickup_cnt stock_qty",
     "region_id device_id", "delivery_eta stock_forecast", false},
};

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

int HubIndex(std::string_view name) {
  for (int i = 0; i < kHubCount; ++i) {
    if (kHubNames[i] == name) return i;
  }
  assert(false && "unknown hub");
  return 0;
}

std::vector<Domain> BuildDomains() {
  std::vector<Domain> out;
  for (const RawDomain& raw : kRawDomains) {
    Domain d{raw.name, Words(raw.stems), Words(raw.attrs), {}, Words(raw.models), raw.b2b};
    for (std::string_view hub : Words(raw.hubs)) d.hubs.push_back(HubIndex(hub));
    out.push_back(std::move(d));
  }
  return out;
}

bool Ends(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::string_view kLayerNames[] = {"raw", "ods", "agg", "mart"};
constexpr std::string_view kLayerTitles[] = {"Raw", "Operational (cleansed)", "Aggregated",
                                             "Data mart"};
constexpr std::string_view kLayerQualifiers[4][8] = {
    {"", "_log", "_snapshot", "_cdc", "_export", "_stream", "_hist", "_src"},
    {"", "_clean", "_current", "_hist", "_scd", "_dedup", "_enriched", "_v2"},
    {"_daily", "_weekly", "_monthly", "_hourly", "_by_region", "_by_segment", "_rolling", "_total"},
    {"_mart", "_profile", "_kpi", "_summary", "_360", "_features", "_report", "_cube"}};
constexpr std::string_view kRawQualifiers[] = {"prev", "last", "first", "src", "orig", "ext",
                                               "new",  "old",  "min",   "max", "hist", "raw"};
constexpr std::string_view kOdsTransforms[] = {"clean", "norm", "std", "adj", "fixed"};
constexpr std::string_view kAggFunctions[] = {"sum", "avg", "max", "min", "cnt"};
constexpr std::string_view kWindows[] = {"1d", "7d", "30d", "90d"};
constexpr std::string_view kMartTransforms[] = {"share", "trend", "rank", "delta", "ratio", "pct"};
constexpr std::string_view kFeatureTransforms[] = {"log", "woe", "bin", "lag1", "zscore", "ewm"};
constexpr std::string_view kModelSegments[] = {
    "prepaid", "postpaid", "msk", "spb", "regions", "youth", "senior", "family", "premium", "mass"};
constexpr std::string_view kAlgorithms[] = {
    "catboost",      "lightgbm", "xgboost",    "logistic_regression",
    "random_forest", "prophet",  "pytorch_mlp"};
constexpr std::string_view kDashboardSuffixes[] = {"overview", "kpi", "daily_report", "monitor",
                                                   "trends"};
constexpr std::string_view kRoleNames[kRoleCount] = {
    "data", "ds", "bi", "platform", "analytics", "ml", "ingest", "quality", "reporting", "mlops"};
constexpr std::string_view kRoleTitles[kRoleCount] = {
    "data engineering", "data science",   "BI",           "data platform", "analytics",
    "ML engineering",   "data ingestion", "data quality", "reporting",     "MLOps"};
constexpr RoleClass kRoleClasses[kRoleCount] = {
    RoleClass::kData, RoleClass::kScience, RoleClass::kBi,   RoleClass::kData,
    RoleClass::kBi,   RoleClass::kScience, RoleClass::kData, RoleClass::kData,
    RoleClass::kBi,   RoleClass::kScience};

}  // namespace

std::string_view HubName(int hub) { return kHubNames[hub]; }
std::string_view HubType(int hub) { return kHubTypes[hub]; }

const std::vector<Domain>& Domains() {
  static const std::vector<Domain> domains = BuildDomains();  // thread-safe initialization
  return domains;
}

std::string_view AttrType(std::string_view attr) {
  static constexpr std::string_view kDoubleSuffixes[] = {
      "_rub",  "_km",    "_m",     "_kmh", "_mbps", "_gb", "_mb",   "_kb",  "_pct",
      "_rate", "_score", "_value", "_c",   "_h",    "_kg", "_inch", "_dbm", "_points"};
  static constexpr std::string_view kBigintSuffixes[] = {"_cnt", "_days", "_min",   "_sec",
                                                         "_ms",  "_qty",  "_quota", "_left"};
  static constexpr std::string_view kDoubleWords[] = {
      "lat",          "lon",    "score",     "ctr",     "uplift", "velocity", "utilization",
      "availability", "rsrp",   "sinr",      "csat",    "mos",    "asr",      "reading",
      "points",       "rating", "sentiment", "minutes", "qty",    "prb_util", "azimuth"};
  static constexpr std::string_view kBigintWords[] = {"age", "birth_year", "level"};
  for (std::string_view s : kDoubleSuffixes) {
    if (Ends(attr, s)) return "double";
  }
  for (std::string_view s : kBigintSuffixes) {
    if (Ends(attr, s)) return "bigint";
  }
  if (Ends(attr, "_flag")) return "boolean";
  if (Ends(attr, "_dt")) return "date";
  for (std::string_view s : kDoubleWords) {
    if (attr == s) return "double";
  }
  for (std::string_view s : kBigintWords) {
    if (attr == s) return "bigint";
  }
  return "string";
}

std::span<const std::string_view> LayerQualifiers(int layer) { return kLayerQualifiers[layer]; }
std::string_view LayerName(int layer) { return kLayerNames[layer]; }
std::string_view LayerTitle(int layer) { return kLayerTitles[layer]; }
std::span<const std::string_view> RawQualifiers() { return kRawQualifiers; }
std::span<const std::string_view> OdsTransforms() { return kOdsTransforms; }
std::span<const std::string_view> AggFunctions() { return kAggFunctions; }
std::span<const std::string_view> Windows() { return kWindows; }
std::span<const std::string_view> MartTransforms() { return kMartTransforms; }
std::span<const std::string_view> FeatureTransforms() { return kFeatureTransforms; }
std::span<const std::string_view> ModelSegments() { return kModelSegments; }
std::span<const std::string_view> Algorithms() { return kAlgorithms; }
std::span<const std::string_view> DashboardSuffixes() { return kDashboardSuffixes; }
std::string_view RoleName(int role) { return kRoleNames[role]; }
std::string_view RoleTitle(int role) { return kRoleTitles[role]; }
RoleClass RoleClassOf(int role) { return kRoleClasses[role]; }

}  // namespace linea::generate::internal
