/**
 * Every error a cloud function may answer, with the Chinese message the UI shows. Zod-free so the
 * mini-program can import it at run time.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '输入有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_MEMBER: '您还不是会员，请先加入会员',
  NOT_STAFF: '仅限门店员工使用',
  STAFF_DISABLED: '您的员工账号已停用，请联系店长',
  FORBIDDEN: '没有权限执行此操作',
  STORE_NOT_FOUND: '门店不存在或已停用',
  SCENE_INVALID: '二维码无效，请扫描门店柜台的会员码',
  PHONE_CODE_INVALID: '手机号授权失败，请重试或手动输入手机号',
  PHONE_TAKEN: '该手机号已是会员，请使用原微信登录或联系店员',
  CONSENT_REQUIRED: '请先阅读并同意最新的隐私保护指引',
  TOO_MANY_ATTEMPTS: '今日尝试次数过多，请明天再试或联系店员',
  BIRTHDAY_LOCKED: '生日只能设置一次，如需修改请联系店员',
  INVITE_INVALID: '邀请码无效或已过期',
  INVITE_USED: '该邀请码已被使用',
  INVITE_REVOKED: '该邀请码已被撤销，请联系店长重新邀请',
  INVITE_NOT_FOUND: '邀请码不存在',
  ALREADY_STAFF: '您已绑定为员工',
  MEMBER_CODE_EXPIRED: '会员码已过期，请让顾客刷新后重新扫码',
  MEMBER_CODE_INVALID: '无法识别的会员码',
  MEMBER_NOT_FOUND: '会员不存在',
  ORDER_CONFLICT: '该订单号已用于其他会员或金额，请核对订单号',
  PURCHASE_NOT_FOUND: '消费记录不存在',
  PURCHASE_OTHER_STORE: '只能撤销本门店的消费记录',
  OWN_MEMBERSHIP: '不能为自己的会员账户办理，请由其他同事操作',
  APPROVAL_REQUIRED: '金额超过店员单笔上限，已提交店长确认，确认后自动记入',
  APPROVAL_NOT_FOUND: '待确认的消费不存在或已处理',
  APPROVAL_DECLINED: '该笔消费已被店长驳回',
  SETTINGS_INVALID: '品牌设置有误，请联系管理员检查设置',
  SETTINGS_REJECTED: '设置有误，请按提示修改',
  TIER_HAS_MEMBERS: '该等级还有会员，不能删除',
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_NOT_APPLICABLE: '这张券不能用于本次消费',
  COUPON_CODE_INVALID: '无法识别的券码',
  COUPON_CODE_EXPIRED: '券码已过期，请让顾客刷新后重新扫码',
  TEMPLATE_NOT_FOUND: '优惠券不存在或已下架',
  TEMPLATE_NOT_ACTIVE: '该券暂未发放或已停止发放',
  TEMPLATE_INVALID: '券的设置有误，请按提示修改',
  TEMPLATE_NOT_EDITABLE: '券已发布，只能调整库存和状态',
  STATUS_CHANGE_INVALID: '当前状态不能进行此操作',
  OUT_OF_STOCK: '券已被领完',
  MEMBER_LIMIT: '您已领取过该券，已达每人限领数量',
  MONTHLY_LIMIT: '本月已达限领数量，下月再来',
  NOT_FOR_TIER: '您的会员等级暂不能领取该券',
  VALIDITY_OVER: '该券已过有效期，不能再领取',
  POINTS_NOT_ENOUGH: '积分不足，无法兑换',
  CUSTOMER_OUT_OF_SCOPE: '只能查看本门店或自己服务的顾客',
  TAG_NOT_FOUND: '标签不存在或不属于本门店',
  TAG_AUTO: '自动标签由系统规则生成，不能手动修改',
  TASK_NOT_FOUND: '待办不存在',
  TASK_NOT_YOURS: '只能处理自己或本门店的待办',
  TASK_CLOSED: '该待办已处理',
  STAFF_NOT_FOUND: '员工不存在',
  STAFF_SELF: '不能对自己的账号执行此操作',
  STAFF_HAS_CUSTOMERS: '该员工仍有服务中的顾客，请先交接',
  NO_HANDOVER_TARGET: '没有可接手的店员，请先邀请或指定接手人',
  POINTS_ADJUST_TOO_LOW: '扣减后积分不能为负数',
  JOURNEY_NOT_FOUND: '旅程不存在',
  JOURNEY_INVALID: '旅程设置有误，请按提示修改',
  CAMPAIGN_NOT_FOUND: '活动不存在',
  CAMPAIGN_INVALID: '活动设置有误，请按提示修改',
  CAMPAIGN_NOT_CANCELLABLE: '活动已开始发放，不能取消',
  MESSAGE_SETTINGS_INVALID: '消息设置有误，请按提示修改',
  PRODUCT_NOT_FOUND: '商品不存在',
  IMPORT_INVALID: '导入文件有误，请按行修改后重新导入',
  HOLD_NOT_FOUND: '调货/留货申请不存在',
  HOLD_DECIDED: '该申请已处理',
  HOLD_OTHER_STORE: '只能处理发往本门店的申请',
  STOCK_NOT_ENOUGH: '库存不足，无法留货',
  BUSY: '操作过于频繁，请稍后重试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ActionError {
  code: ErrorCode;
  message: string;
  /** Which input fields were wrong, for INVALID_INPUT. */
  fields?: Record<string, string>;
}

/** What every cloud function action answers: never a thrown error for anything the user can cause. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
