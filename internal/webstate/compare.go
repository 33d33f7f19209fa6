package webstate

import (
	"strings"

	"finwait/core/compare"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
)

// checkCompare is how compare= is checked, set by EnableCompare: the page's main module, which
// has no compare view (docs/web-size.md), refuses it.
var checkCompare func(p *Params, v string) (i18n.ID, []any)

// EnableCompare checks compare= (the page's full module, which shows the compare view).
func EnableCompare() { checkCompare = (*Params).setCompare }

func (p *Params) takeCompare(v string) (i18n.ID, []any) {
	if checkCompare == nil {
		return i18n.CmpUnavailable, nil
	}
	return checkCompare(p, v)
}

// setCompare checks compare= (core/compare's Spec) against the scenario and profile the URL
// names: its form, its names, and that run 2 is a valid scenario. A refusal names the bad word.
func (p *Params) setCompare(v string) (i18n.ID, []any) {
	sp, err := compare.ParseSpec(v)
	if err == nil {
		sc, _ := source.Lookup(p.Scenario)
		var sc2 = sc
		if sc2, _, err = compare.Apply(sp, sc, p.Profile); err == nil {
			if err = sc2.Validate(); err != nil {
				return i18n.CmpError, []any{err.Error()}
			}
		}
	}
	if se, ok := err.(*compare.SpecError); ok { // ParseSpec and Apply return it unwrapped
		if se.Why == compare.WhyProfile || se.Why == compare.WhyHost || se.Why == compare.WhyValue {
			return compareWhy(se), []any{se.Word, se.Want}
		}
		return compareWhy(se), []any{se.Word}
	}
	p.Compare = v
	return "", nil
}

// compareWhy is the message that words a refused Spec.
func compareWhy(se *compare.SpecError) i18n.ID {
	switch se.Why {
	case compare.WhyProfile:
		return i18n.CmpWhyProfile
	case compare.WhySet:
		return i18n.CmpWhySet
	case compare.WhyHost:
		return i18n.CmpWhyHost
	case compare.WhyDrop:
		return i18n.CmpWhyDrop
	case compare.WhyTime:
		return i18n.CmpWhyTime
	case compare.WhyNoSocket:
		return i18n.CmpWhyNoSocket
	case compare.WhyValue:
		return i18n.CmpWhyValue
	case compare.WhyLinger:
		return i18n.CmpWhyLinger
	}
	return i18n.CmpWhyKind
}

// setTool checks tool= (the terminal panel's tab: layout.ToolTabs' Name).
func (p *Params) setTool(v string) (i18n.ID, []any) {
	var names []string
	for _, t := range layout.ToolTabs {
		if t.Name == v {
			p.Tool = v
			return "", nil
		}
		names = append(names, t.Name)
	}
	return i18n.WebParamOneOf, []any{strings.Join(names, ", ")}
}
