/* Copyright 2026 crm_interaction_log contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {Component, onWillStart, onWillUpdateProps, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";
import {useService} from "@web/core/utils/hooks";

const EVALUATION_CLASSES = {
    very_positive: "text-bg-success",
    positive: "text-bg-success",
    neutral: "text-bg-secondary",
    negative: "text-bg-warning",
    very_negative: "text-bg-danger",
};

/**
 * The contact's interactions on its form, newest first and grouped by month,
 * a page at a time (res.partner.interaction_timeline), with filters and
 * Create Interaction at the top.
 */
export class InteractionTimeline extends Component {
    static template = "crm_interaction_log.InteractionTimeline";
    static props = {...standardWidgetProps};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            choices: {channels: [], templates: [], periods: []},
            channel: "",
            templateId: "",
            period: "all",
            items: [],
            next: false,
            hasMore: false,
            loading: false,
        });
        // an answer to an earlier request (the filters changed meanwhile) is dropped
        this.request = 0;
        onWillStart(async () => {
            const [choices] = await Promise.all([
                this.orm.call("res.partner", "interaction_timeline_filters", []),
                this.load(this.props.record.resId),
            ]);
            this.state.choices = choices;
        });
        onWillUpdateProps(async (nextProps) => {
            if (nextProps.record.resId !== this.resId) {
                await this.load(nextProps.record.resId);
            }
        });
    }

    /** The items grouped by month, in their order. */
    get months() {
        const months = [];
        for (const item of this.state.items) {
            const last = months.at(-1);
            if (last && last.key === item.month) {
                last.items.push(item);
            } else {
                months.push({key: item.month, label: item.month_label, items: [item]});
            }
        }
        return months;
    }

    evaluationClass(item) {
        return EVALUATION_CLASSES[item.evaluation] || "text-bg-light";
    }

    /**
     * The first page of the contact's timeline with the filters chosen, or
     * (``more``) the page after the items shown.
     */
    async load(resId = this.resId, more = false) {
        this.resId = resId;
        const request = ++this.request;
        if (!resId) {
            Object.assign(this.state, {items: [], next: false, hasMore: false});
            return;
        }
        this.state.loading = true;
        try {
            const page = await this.orm.call(
                "res.partner",
                "interaction_timeline",
                [[resId]],
                {
                    channel: this.state.channel || null,
                    template_id: Number(this.state.templateId) || null,
                    period: this.state.period,
                    before: more ? this.state.next : null,
                }
            );
            if (request === this.request) {
                Object.assign(this.state, {
                    items: more ? [...this.state.items, ...page.items] : page.items,
                    next: page.next,
                    hasMore: page.has_more,
                });
            }
        } finally {
            if (request === this.request) {
                this.state.loading = false;
            }
        }
    }

    /** Whether ``value`` is the one chosen for the filter ``name``. */
    isSelected(name, value) {
        return String(value) === this.state[name];
    }

    onFilterChange(name, ev) {
        this.state[name] = ev.target.value;
        return this.load();
    }

    loadMore() {
        return this.load(this.resId, true);
    }

    openEntry(item) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Interaction Log Entry"),
            res_model: "crm.interaction.log.entry",
            res_id: item.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /** The contact is saved first (as the form's buttons do); its statistics
     * and timeline show the new interaction once the wizard is closed. */
    async createInteraction() {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        const action = await this.orm.call("res.partner", "action_create_interaction", [
            [record.resId],
        ]);
        await this.action.doAction(action, {
            onClose: async () => {
                await record.load();
                await this.load();
            },
        });
    }
}

export const interactionTimeline = {
    component: InteractionTimeline,
};

registry.category("view_widgets").add("crm_interaction_timeline", interactionTimeline);
